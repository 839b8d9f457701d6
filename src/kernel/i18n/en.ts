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
  },
  resources: {
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
