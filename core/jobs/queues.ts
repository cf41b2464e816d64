/** The BullMQ queues of One Click, and the jobs each carries. */
export const QUEUES = {
  routing: 'routing',
  delivery: 'delivery',
  maintenance: 'maintenance',
  media: 'media',
} as const;

export const JOBS = {
  routeReport: 'route-report',
  deliver: 'deliver',
  pruneInbox: 'prune-inbox',
  storePhotos: 'store-photos',
} as const;

export interface RouteReportPayload {
  reportId: number;
  /** Set for a redirected report: the office it was redirected to. */
  officeId?: number;
}

export interface DeliverPayload {
  deliveryId: number;
}

export interface StorePhotosPayload {
  reportId: number;
}
