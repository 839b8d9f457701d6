/**
 * Staff roles and what each may do. Every console route names one permission; a role either has it or the
 * request is a 403. Owners can do everything; admins everything but manage owners; support helps customers;
 * finance handles money.
 */

export const PERMISSIONS = [
  'staff.read',
  'staff.manage',
  'staff.manage_owners',
  'audit.read',
  'dev_mailbox.read',
  'customers.read',
  'customers.manage',
  'orders.read',
  'refunds.create',
  'reports.read',
  'fx.manage',
  'lines.read',
  'deliveries.manage',
  'catalog.manage',
  'topups.assist',
  'reconciliation.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const STAFF_ROLES = ['owner', 'admin', 'support', 'finance'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const ROLE_PERMISSIONS: Record<StaffRole, ReadonlySet<Permission>> = {
  owner: new Set(PERMISSIONS),
  admin: new Set(PERMISSIONS.filter((permission) => permission !== 'staff.manage_owners')),
  support: new Set<Permission>([
    'staff.read',
    'audit.read',
    'dev_mailbox.read',
    'customers.read',
    'orders.read',
    'lines.read',
    'deliveries.manage',
    'topups.assist',
  ]),
  finance: new Set<Permission>([
    'staff.read',
    'audit.read',
    'customers.read',
    'orders.read',
    'refunds.create',
    'reports.read',
    'fx.manage',
    'lines.read',
    'reconciliation.manage',
  ]),
};

export function roleCan(role: StaffRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

export function permissionsOf(role: StaffRole): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}

/** Roles that must use two-factor authentication when `STAFF_TOTP_REQUIRED` is on. */
export function roleNeedsTotp(role: StaffRole): boolean {
  return role === 'owner' || role === 'admin';
}
