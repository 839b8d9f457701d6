/** Server-side strings a person reads (errors shown in the portal, CLI hints, emails to come). */
export const en = {
  errors: {
    internal_error:
      'Something went wrong on our side. Please try again; quote request id {{requestId}} if it persists.',
    route_not_found: 'There is no {{method}} {{path}} in this API.',
    method_not_allowed: '{{method}} is not allowed on {{path}}; use {{allowed}}.',
    resource_missing: 'No such {{resource}}: {{id}}.',
    parameter_invalid: 'The value of {{param}} is not valid: {{reason}}',
    parameter_missing: '{{param}} is required.',
    parameter_unknown: '{{param}} is not a recognised parameter.',
    invalid_json: 'The request body is not valid JSON.',
    body_too_large: 'The request body is larger than the {{limitBytes}} bytes allowed.',
    unsupported_media_type: 'Send the request body as application/json.',
    invalid_cursor: '{{param}} must be the id of an item from a previous page.',
    idempotency_key_invalid: 'Idempotency-Key must be 1 to 255 printable ASCII characters.',
    idempotency_key_reused:
      'This Idempotency-Key was already used with a different request. Use a new key for a new request.',
    idempotency_key_in_flight:
      'A request with this Idempotency-Key is still being processed. Retry after it has finished.',
    carrier_unknown: 'There is no carrier {{value}}; use a carrier id or slug from GET /v1/carriers.',
    bad_request: 'The request could not be understood.',
    service_unavailable: 'The service is not ready yet. Please retry shortly.',
    email_invalid: '{{param}} is not a valid email address.',
    phone_invalid:
      '{{param}} is not a valid phone number. Include the country code, e.g. +1 415 555 0123 or +86 138 1234 5678.',
    time_zone_invalid:
      '{{param}} is not a known time zone; use a name such as Asia/Shanghai or America/New_York.',
    password_too_short: 'The password must be at least {{minimum}} characters long.',
    password_common: 'This password is too common or too easy to guess. Please choose another one.',
    password_incorrect: 'The password is not correct.',
    invalid_credentials: 'The email or password is not correct.',
    email_not_verified:
      'Please confirm your email address first: open the link we emailed you, or ask for a new one.',
    too_many_attempts: 'Too many attempts. Please wait {{seconds}} seconds and try again.',
    not_authenticated: 'Please log in first.',
    permission_denied: 'You do not have permission to do this.',
    csrf_token_invalid: 'This request could not be verified. Reload the page and try again.',
    token_invalid: 'This link is not valid or has already been used. Please ask for a new one.',
    token_expired: 'This link has expired. Please ask for a new one.',
    api_key_invalid: 'The API key is not valid or has been revoked.',
    api_key_scope_missing: 'This API key does not have the {{scope}} scope.',
    api_key_limit_reached: 'You can have at most {{maximum}} active API keys; revoke one first.',
    mfa_required: 'Enter the code from your authenticator app to continue.',
    mfa_code_invalid:
      'The code is not correct or has already been used. Enter the current code from your app.',
    mfa_not_enrolled: 'Two-factor authentication is not set up for this account.',
    mfa_already_enrolled: 'Two-factor authentication is already set up for this account.',
    mfa_enrollment_not_started: 'Start setting up two-factor authentication first.',
    staff_exists: 'A staff member with this email already exists.',
    deletion_not_pending: 'This account is not scheduled for deletion.',
    staff_self_change: 'You cannot change your own access; ask another owner or admin.',
    api_access_not_enabled:
      'API keys are for partner accounts. Ask us to turn on API access for your account.',
    insufficient_wallet_balance: 'Your wallet balance is not enough for this payment.',
    ledger_transfer_conflict: 'This payment was already recorded with a different amount ({{key}}).',
    fx_rate_unavailable:
      'No current {{base}}→{{quote}} exchange rate is available, so we cannot quote in {{quote}} right now. Try again in a minute or pay by card or PayPal in USD.',
    currency_not_supported: '{{currency}} is not supported here; use USD.',
    amount_out_of_range: 'Choose an amount from {{minimum}} to {{maximum}} {{currency}}.',
    method_not_available: 'This payment method cannot be used for this purchase.',
    quote_expired: 'This price was locked for a limited time and has expired. Get a new quote to continue.',
    quote_already_used: 'An order has already been placed with this quote.',
    order_state_invalid: 'This order is {{status}} and cannot become {{target}}.',
  },
  resources: {
    quote: 'quote',
    order: 'order',
    fx_pair: 'currency pair',
    customer: 'customer',
    staff: 'staff member',
    session: 'session',
    api_key: 'API key',
    dev_message: 'message',
    plan: 'plan',
    carrier: 'carrier',
  },
  reasons: {
    expected_type: 'expected {{expected}}',
    too_small: 'must be at least {{minimum}}',
    too_big: 'must be at most {{maximum}}',
    one_of: 'must be one of {{values}}',
    format: 'has the wrong format',
    nul_character: 'contains a NUL character (U+0000)',
    other: 'is not accepted',
  },
};

export type Messages = typeof en;
