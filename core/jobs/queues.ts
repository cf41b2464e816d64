/** The BullMQ queues of One Click, and the jobs each carries. */
export const QUEUES = {
  routing: 'routing',
  delivery: 'delivery',
  maintenance: 'maintenance',
  media: 'media',
  /** Broadcast sends, one queue per platform so each keeps to its own limit. */
  broadcastTelegram: 'broadcast-telegram',
  broadcastVk: 'broadcast-vk',
  /** Starts a published broadcast: turns its recipients into send jobs. */
  broadcast: 'broadcast',
} as const;

export const JOBS = {
  routeReport: 'route-report',
  deliver: 'deliver',
  pruneInbox: 'prune-inbox',
  storePhotos: 'store-photos',
  startBroadcast: 'start-broadcast',
  sendBroadcast: 'send-broadcast',
  /** Takes a cancelled broadcast's waiting sends out of the platform queues. */
  cancelBroadcast: 'cancel-broadcast',
  resendBroadcast: 'resend-broadcast',
  /** Re-adds the sends of unfinished broadcasts that Redis lost. */
  resumeBroadcasts: 'resume-broadcasts',
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

export interface StartBroadcastPayload {
  broadcastId: number;
}

/** One broadcast to one recipient, on the recipient's platform queue. */
export interface SendBroadcastPayload {
  broadcastId: number;
  residentId: number;
}
