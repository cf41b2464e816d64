import type { Worker } from 'bullmq';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * The service's Prometheus metrics, in a registry of our own (prom-client's global one is
 * left to libraries). One registry per process: the bots, the workers and the API count
 * into it, and GET /metrics shows it.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const metrics = {
  httpRequests: new Counter({
    name: 'oneclick_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [metricsRegistry],
  }),
  httpDuration: new Histogram({
    name: 'oneclick_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern and method',
    labelNames: ['route', 'method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metricsRegistry],
  }),
  updatesHandled: new Counter({
    name: 'oneclick_updates_handled_total',
    help: 'Messenger updates run through the dialogue engine, by channel',
    labelNames: ['channel'] as const,
    registers: [metricsRegistry],
  }),
  jobs: new Counter({
    name: 'oneclick_jobs_total',
    help: 'BullMQ jobs finished, by queue and outcome (completed, failed)',
    labelNames: ['queue', 'outcome'] as const,
    registers: [metricsRegistry],
  }),
  deliveryErrors: new Counter({
    name: 'oneclick_delivery_errors_total',
    help: 'Deliveries not sent, by kind (unreachable, failed, uncertain)',
    labelNames: ['kind'] as const,
    registers: [metricsRegistry],
  }),
  broadcastSends: new Counter({
    name: 'oneclick_broadcast_sends_total',
    help:
      'Broadcast send jobs by channel and outcome (sent, unreachable, failed, uncertain, ' +
      'skipped, rate_limited)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [metricsRegistry],
  }),
};

/** Counts a worker's finished jobs under its queue's name; a failed attempt counts as failed. */
export function countJobOutcomes(worker: Worker): void {
  worker.on('completed', () => metrics.jobs.inc({ queue: worker.name, outcome: 'completed' }));
  worker.on('failed', () => metrics.jobs.inc({ queue: worker.name, outcome: 'failed' }));
}
