export { html, json, redirect, type SimAnswer } from './answers.js';
export { CONTROL_PREFIX, type ControlOptions } from './control.js';
export { SimulatorFaults, type ControlInput } from './faults.js';
export { IdempotencyStore, requestFingerprint, type IdempotentOutcome } from './idempotency.js';
export { doublingRetry, WebhookOutbox, type RetrySchedule, type Transmission } from './outbox.js';
export { Router, type RouteParams } from './router.js';
export {
  REQUEST_BODY_BYTES_MAX,
  startSimulatorServer,
  type SimRequest,
  type SimulatorServer,
  type SimulatorServerOptions,
} from './server.js';
