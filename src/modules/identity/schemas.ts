import { timestampSchema } from '../../http/openapi.js';
import { z } from 'zod';
import { LOCALES } from '../../kernel/i18n/index.js';
import { API_SCOPES } from './api-keys.js';
import { PASSWORD_LENGTH_MAX } from './passwords.js';
import { STAFF_ROLES } from './permissions.js';

/** Request fields and response objects of identity's HTTP surface, shared by the customer and staff routes. */

export const emailField = z.string().max(320).meta({ example: 'li.wei@example.com' });
/** The length minimum and common-password check are the service's, so they answer with their own codes. */
export const passwordField = z.string().max(PASSWORD_LENGTH_MAX);
export const tokenField = z.string().min(1).max(200);

export const customerSchema = z
  .object({
    id: z.string().meta({ example: 'cus_01jz8x4e5qf0m8g4v3k2y1t9bc' }),
    object: z.literal('customer'),
    email: z.string(),
    email_verified: z.boolean(),
    phone: z.string().nullable(),
    name: z.string().nullable(),
    locale: z.enum(LOCALES),
    display_currency: z.enum(['USD', 'CNY']),
    time_zone: z.string(),
    api_access: z.boolean().meta({ description: 'Partner account: may create API keys.' }),
    created: timestampSchema,
    deletion: z.object({ requested: timestampSchema, scheduled_for: timestampSchema }).nullable(),
  })
  .meta({ id: 'Customer' });

export const sessionSchema = z
  .object({
    id: z.string(),
    object: z.literal('session'),
    csrf_token: z.string().meta({ description: 'Send it as X-CSRF-Token on every POST/PATCH/DELETE.' }),
    created: timestampSchema,
    expires_at: timestampSchema,
    idle_expires_at: timestampSchema,
    customer: customerSchema,
  })
  .meta({ id: 'Session' });

export const sessionSummarySchema = z
  .object({
    id: z.string(),
    object: z.literal('session_summary'),
    current: z.boolean(),
    created: timestampSchema,
    last_active: timestampSchema,
    expires_at: timestampSchema,
    ip: z.string().nullable(),
    user_agent: z.string().nullable(),
  })
  .meta({ id: 'SessionSummary' });

export const apiKeySchema = z
  .object({
    id: z.string().meta({ example: 'key_01jz8x4e5qf0m8g4v3k2y1t9bc' }),
    object: z.literal('api_key'),
    name: z.string(),
    mode: z.enum(['test', 'live']),
    scopes: z.array(z.enum(API_SCOPES)),
    redacted: z.string().meta({ example: 'sk_test_…a1b2' }),
    created: timestampSchema,
    last_used: timestampSchema.nullable(),
    revoked: timestampSchema.nullable(),
    secret: z.string().optional().meta({ description: 'Only in the response that created the key.' }),
  })
  .meta({ id: 'ApiKey' });

export const staffSchema = z
  .object({
    id: z.string().meta({ example: 'stf_01jz8x4e5qf0m8g4v3k2y1t9bc' }),
    object: z.literal('staff'),
    email: z.string(),
    role: z.enum(STAFF_ROLES),
    totp_enabled: z.boolean(),
    status: z.enum(['active', 'disabled']),
    locale: z
      .enum(LOCALES)
      .nullable()
      .meta({ description: 'The console language this person chose; null until they choose one.' }),
    created: timestampSchema,
    last_login: timestampSchema.nullable(),
  })
  .meta({ id: 'Staff' });

export const staffSessionSchema = z
  .object({
    id: z.string(),
    object: z.literal('staff_session'),
    csrf_token: z.string(),
    mfa: z.enum(['not_enrolled', 'pending', 'verified']),
    mfa_required: z.boolean(),
    created: timestampSchema,
    expires_at: timestampSchema,
    idle_expires_at: timestampSchema,
    staff: staffSchema.extend({ permissions: z.array(z.string()) }),
  })
  .meta({ id: 'StaffSession' });
