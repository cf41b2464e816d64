/** The BullMQ queues of One Click, and the jobs each carries. */
export const QUEUES = {
  routing: 'routing',
  maintenance: 'maintenance',
} as const;

export const JOBS = {
  routeReport: 'route-report',
  pruneInbox: 'prune-inbox',
} as const;

export interface RouteReportPayload {
  reportId: number;
}
