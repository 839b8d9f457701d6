/**
 * The identity module's door: what other modules and the composition root (app, cli, runtime) may use.
 * Customers, staff, sessions, API keys and password resets stay behind it.
 */

export {
  auditActorOf,
  authSubject,
  customerIdOf,
  LOCAL_OPERATOR_HEADER,
  registerAuth,
  requestContext,
  staffIdOf,
} from './auth.js';
export { formatMoment, type IdentityDeps } from './context.js';
export {
  customerContact,
  customerForConsole,
  CUSTOMER_SEARCH_LIMIT,
  findCustomers,
  customerIdsMatching,
  customerIdsWithPhone,
} from './customers.js';
export { customerSchema } from './schemas.js';
export { customerSessions } from './sessions.js';
export { STAFF_ROLES, type StaffRole } from './permissions.js';
export { changeStaffAccess, createStaff, listStaff, type StaffView } from './staff.js';
export { exportCustomerDataOf, purgeDeletedCustomers } from './account.js';
export { purgeExpiredRateCounters } from './rate-limits.js';
