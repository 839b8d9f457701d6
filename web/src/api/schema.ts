/**
 * The SimFill HTTP API as TypeScript, generated from the OpenAPI document (/v1/openapi.json) by
 * scripts/generate-api-types.ts with openapi-typescript. Do not edit: run `npm run api:types`.
 * Components import the named shapes from ./types, not from here.
 */

export interface paths {
  '/gsma/rsp2/es2plus/handleDownloadProgressInfo': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * HandleDownloadProgressInfo from the operator’s SM-DP+ (GSMA SGP.22 ES2+)
     * @description The SM-DP+ reports each step of a profile download (notificationPointId 3: downloaded, 4: installed). ES2+ JSON with `header.functionRequesterIdentifier` / `functionCallIdentifier` and `X-Admin-Protocol: gsma/rsp/v2.x.y`; authenticated with `Authorization: Bearer <SMDP_NOTIFICATION_SECRET>`. Always HTTP 200 with `header.functionExecutionStatus` (`Executed-Success`, or `Failed` with subject/reason codes).
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The process is up */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              status: 'ok';
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics (text exposition format) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The database is reachable and every migration is applied */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              database: 'postgres' | 'pglite';
              /** @enum {string} */
              status: 'ready';
            };
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/account': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your profile */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Customer'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change your name, phone, language, display currency or time zone */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            display_currency?: 'USD' | 'CNY';
            /** @enum {string} */
            locale?: 'zh-CN' | 'en';
            name?: string | null;
            phone?: string | null;
            time_zone?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Customer'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    trace?: never;
  };
  '/v1/account/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your API keys (secrets are never shown again) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['ApiKey'][];
              /** @enum {boolean} */
              has_more: false;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    /** Create an API key; its secret is in this response only */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            mode: 'test' | 'live';
            name: string;
            scopes: ('account:read' | 'orders:read' | 'orders:write' | 'lines:read' | 'lines:write')[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ApiKey'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/account/api-keys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke an API key (it stops working at once) */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ApiKey'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/account/deletion': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Delete your account after a 14-day grace period (orders are kept, anonymised) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            password: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Customer'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    /** Cancel a pending account deletion */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Customer'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/account/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download everything SimFill keeps about you (JSON): profile, sessions, lines, orders, wallet, saved methods */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/account/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Change your password; every other device is signed out */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            current_password: string;
            new_password: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Session'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/account/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Devices signed in to your account */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['SessionSummary'][];
              /** @enum {boolean} */
              has_more: false;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    /** Sign out everywhere, this device included */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/account/sessions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Sign out one device */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/assisted-top-ups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Place a top-up for a customer (hotline): paid from their wallet now, or emailed to them as a payment link for the chosen method (audited) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            amount_minor?: number;
            customer: string;
            line?: string;
            /** @enum {string} */
            method: 'card' | 'apple_pay' | 'alipay' | 'wechat_pay' | 'paypal' | 'wallet';
            phone?: string;
            product: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              charge: {
                /** @description Integer count of the minor unit (cents, fen). */
                amount_minor: number;
                /** @example USD */
                currency: string;
              };
              /** @enum {string} */
              object: 'assisted_top_up';
              order: string;
              payment_link: string | null;
              status: string;
              total: {
                /** @description Integer count of the minor unit (cents, fen). */
                amount_minor: number;
                /** @example USD */
                currency: string;
              };
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        402: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/catalog/sync': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Pull the provider’s operators and denominations into the top-up catalog now (audited) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              delisted: number;
              /** @enum {string} */
              object: 'catalog_sync';
              operators: number;
              products: number;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/customers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A customer with their lines, newest orders, wallet and signed-in sessions (customer page) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CustomerOverview'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Line top-up deliveries, newest first: on their way, failed, or retried */
    get: {
      parameters: {
        query?: {
          attention?: 'open' | 'failed' | 'retried';
          limit?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Delivery'][];
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/deliveries/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A delivery and every step of it: sends, provider answers, status checks, retries */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              amount: {
                /** @description Integer count of the minor unit (cents, fen). */
                amount_minor: number;
                /** @example USD */
                currency: string;
              };
              attempts: number;
              cost: {
                /** @description Integer count of the minor unit (cents, fen). */
                amount_minor: number;
                /** @example USD */
                currency: string;
              } | null;
              /** @description ISO 8601, UTC. */
              created_at: string;
              custom_identifier: string;
              customer: string;
              events: {
                /** @description ISO 8601, UTC. */
                at: string;
                attempt: number;
                custom_identifier: string;
                detail: {
                  [key: string]: unknown;
                };
                kind: string;
                provider_code: string | null;
              }[];
              finished_at: string | null;
              id: string;
              kind: string;
              last_error_code: string | null;
              next_check_at: string | null;
              /** @enum {string} */
              object: 'delivery';
              order: string;
              /** @description Masked: only the customer’s receipt shows it whole. */
              pin: string | null;
              product: string;
              provider: string;
              /** @description SimFill’s own account at the provider (the float) after this top-up’s cost, as the provider reported it (Reloadly `balanceInfo.newBalance`). Not the line’s balance. */
              provider_balance_after: {
                /** @description Integer count of the minor unit (cents, fen). */
                amount_minor: number;
                /** @example USD */
                currency: string;
              } | null;
              provider_transaction_id: string | null;
              recipient: string;
              /** @enum {string} */
              status: 'queued' | 'sending' | 'processing' | 'succeeded' | 'failed';
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/deliveries/{id}/check': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Ask the provider about a delivery now (never sends twice: it asks first) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Delivery'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/esim-inventory': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The SM-DP+ profile pool: how many of each profile type are available, assigned or unavailable */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['EsimInventoryCount'][];
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    /**
     * Import SM-DP+ profiles into the pool from a CSV of `iccid,profileType` lines (audited)
     * @description Send the SM-DP+’s export as `text/csv`: one `iccid,profileType` line per profile; a header line, blank lines and a third column are allowed. Profiles already in the pool are left as they are. Any bad line (ICCID check digit, columns, profile type) refuses the whole import, naming each line.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'text/csv': string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['EsimInventoryImport'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/esim-orders': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * eSIM orders at their source, newest first: `failed` (refunded) and `unknown` (being looked up)
     * @description A new eSIM or a top-up bought from Airalo or the SM-DP+ for one paid SimFill order, with the source’s last refusal code and its meaning. A failed one is refunded on its order (GET /v1/admin/orders/{id}).
     */
    get: {
      parameters: {
        query?: {
          kind?: 'new' | 'topup';
          limit?: number;
          source?: 'airalo' | 'smdp';
          /** @description The last id of the previous page: the next page holds older ones. */
          starting_after?: string;
          status?: 'queued' | 'sending' | 'unknown' | 'succeeded' | 'failed';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['ConsoleEsimOrder'][];
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/esims': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The eSIMs SimFill has issued, newest first, by source, install state, customer or ICCID */
    get: {
      parameters: {
        query?: {
          /** @description A customer id (`cus_…`). */
          customer?: string;
          iccid?: string;
          install_state?: 'not_installed' | 'downloaded' | 'installed' | 'enabled' | 'deleted';
          limit?: number;
          source?: 'airalo' | 'smdp';
          /** @description The last id of the previous page: the next page holds older ones. */
          starting_after?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['ConsoleEsim'][];
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/esims/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One issued eSIM: its packages, what was bought for it and every step, oldest first */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ConsoleEsimStory'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/esims/counts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How many issued eSIMs each source has in each install state */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                count: number;
                /** @enum {string} */
                install_state: 'not_installed' | 'downloaded' | 'installed' | 'enabled' | 'deleted';
                /** @enum {string} */
                source: 'airalo' | 'smdp';
              }[];
              /** @enum {string} */
              object: 'esim_counts';
              total: number;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/lines': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Find lines by phone number, or a customer’s lines by customer id or email */
    get: {
      parameters: {
        query: {
          query: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                /** @description ISO 8601, UTC. */
                created_at: string;
                customer: string;
                id: string;
                nickname: string | null;
                /** @enum {string} */
                object: 'line';
                operator: string | null;
                /** @description Null for a data-only eSIM line. */
                phone: string | null;
                removed: boolean;
              }[];
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/mismatches/{id}/resolve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark a mismatch as resolved, saying how (audited) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            resolution: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Mismatch'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/offers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What the hotline can place for a customer: the offers for one of their lines or any number, priced as the portal prices them */
    get: {
      parameters: {
        query: {
          customer: string;
          line?: string;
          phone?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Offer'][];
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
              operator: components['schemas']['Operator'] | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/orders': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Find orders by order id, receipt number, customer email or phone number (the customer’s or the number topped up), status and creation date */
    get: {
      parameters: {
        query?: {
          /** @description Created on or after this UTC date. */
          from?: string;
          limit?: number;
          query?: string;
          starting_after?: string;
          status?:
            | 'awaiting_payment'
            | 'paid'
            | 'fulfilling'
            | 'fulfilled'
            | 'failed'
            | 'refunding'
            | 'refunded'
            | 'expired'
            | 'cancelled';
          /** @description Created before the end of this UTC date. */
          to?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Order'][];
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/orders/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An order with everything that happened to it: states, provider events, ledger, refunds, emails */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              customer: string;
              /** @description A line top-up’s delivery (GET /v1/admin/deliveries/{id}). */
              delivery_id: string | null;
              emails: {
                /** @description ISO 8601, UTC. */
                created_at: string;
                id: string;
                status: string;
                subject: string;
                to: string;
              }[];
              ledger: {
                description: string;
                entries: {
                  account: string;
                  amount: {
                    /** @description Integer count of the minor unit (cents, fen). */
                    amount_minor: number;
                    /** @example USD */
                    currency: string;
                  };
                }[];
                id: string;
                kind: string;
                /** @description ISO 8601, UTC. */
                posted_at: string;
              }[];
              order: components['schemas']['Order'];
              provider_events: {
                event_id: string;
                id: string;
                outcome: string | null;
                provider: string;
                /** @description ISO 8601, UTC. */
                received_at: string;
                type: string;
              }[];
              refunds: components['schemas']['Refund'][];
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/orders/{id}/refunds': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Refund an order, in full or in part, to its payment method or the wallet (finance; audited) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description In the charge currency; omit for everything not yet refunded. */
            amount_minor?: number;
            /**
             * @description `wallet`: at once, into the customer’s SimFill wallet in USD (not for wallet top-ups). An order paid from the wallet is always refunded to it.
             * @default original_method
             * @enum {string}
             */
            destination?: 'original_method' | 'wallet';
            /**
             * @default requested_by_customer
             * @enum {string}
             */
            reason?: 'requested_by_customer' | 'operator_goodwill';
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Refund'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        402: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/provider': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The airtime provider: the operator’s float (balance) there and its recent readings */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              alert_below: {
                /** @description Integer count of the minor unit (cents, fen). */
                amount_minor: number;
                /** @example USD */
                currency: string;
              };
              float: {
                /** @description ISO 8601, UTC. */
                at: string;
                balance: {
                  /** @description Integer count of the minor unit (cents, fen). */
                  amount_minor: number;
                  /** @example USD */
                  currency: string;
                };
                low: boolean;
              }[];
              name: string | null;
              /** @enum {string} */
              object: 'airtime_provider';
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/provider/float-readings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Read the float at the provider now (staff are emailed when it falls below the alert level) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/reconciliations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Reconciliations against the provider’s transaction report, newest first */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Reconciliation'][];
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    /** Reconcile a UTC day: SimFill’s top-ups against the provider’s report (audited). It runs in the background: follow it with GET /v1/admin/reconciliations/{id}. */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Format: date */
            date: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Reconciliation'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/reconciliations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A reconciliation and its mismatches */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              date: string;
              failure: string | null;
              finished_at: string | null;
              id: string;
              matched: number;
              mismatch_list: components['schemas']['Mismatch'][];
              mismatches: number;
              /** @enum {string} */
              object: 'reconciliation';
              /** @description Pages of the provider’s report read so far (while running). */
              progress: {
                pages_read: number;
                pages_total: number | null;
              };
              provider: string;
              provider_transactions: number;
              simfill_deliveries: number;
              /** @description ISO 8601, UTC. */
              started_at: string;
              started_by: string;
              /** @enum {string} */
              status: 'running' | 'done' | 'failed';
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/reports/daily-totals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Money in and out per day (UTC), payment method and currency; wallet spending apart (counted once) */
    get: {
      parameters: {
        query: {
          from: string;
          to: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description Money paid from outside (cards, PayPal, Alipay, WeChat Pay…), per day and method. */
              data: {
                charged: {
                  /** @description Integer count of the minor unit (cents, fen). */
                  amount_minor: number;
                  /** @example USD */
                  currency: string;
                };
                currency: string;
                day: string;
                method: string;
                net: {
                  /** @description Integer count of the minor unit (cents, fen). */
                  amount_minor: number;
                  /** @example USD */
                  currency: string;
                };
                payments: number;
                /** @description Refunded to the payment method: money that left. */
                refunded: {
                  /** @description Integer count of the minor unit (cents, fen). */
                  amount_minor: number;
                  /** @example USD */
                  currency: string;
                };
                /** @description Refunded into the customer’s wallet instead: the money stayed, so it is not in net. */
                refunded_to_wallet: {
                  /** @description Integer count of the minor unit (cents, fen). */
                  amount_minor: number;
                  /** @example USD */
                  currency: string;
                };
              }[];
              /** @enum {string} */
              object: 'list';
              /** @description The sum of `data` per currency over the whole range: what the ledger received. */
              totals: {
                charged: {
                  /** @description Integer count of the minor unit (cents, fen). */
                  amount_minor: number;
                  /** @example USD */
                  currency: string;
                };
                currency: string;
                net: {
                  /** @description Integer count of the minor unit (cents, fen). */
                  amount_minor: number;
                  /** @example USD */
                  currency: string;
                };
                refunded: {
                  /** @description Integer count of the minor unit (cents, fen). */
                  amount_minor: number;
                  /** @example USD */
                  currency: string;
                };
              }[];
              /** @description Orders paid from wallet balance, per day: money already counted when the wallet was topped up. */
              wallet: {
                currency: string;
                day: string;
                payments: number;
                refunded: {
                  /** @description Integer count of the minor unit (cents, fen). */
                  amount_minor: number;
                  /** @example USD */
                  currency: string;
                };
                spent: {
                  /** @description Integer count of the minor unit (cents, fen). */
                  amount_minor: number;
                  /** @example USD */
                  currency: string;
                };
              }[];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/topup-products': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The top-up catalog as synced from the provider, with the operator’s markup and ETA */
    get: {
      parameters: {
        query?: {
          country?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['TopUpProduct'][];
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/topup-products/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Set a product’s markup, delivery estimate, or take it off sale (audited) */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            active?: boolean;
            eta_minutes?: number;
            markup_bps?: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TopUpProduct'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    trace?: never;
  };
  '/v1/audit-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The audit log: logins, password changes, keys and every staff action */
    get: {
      parameters: {
        query?: {
          action?: string;
          actor?: string;
          created_gte?: string;
          created_lt?: string;
          limit?: number;
          outcome?: 'success' | 'failure';
          starting_after?: string;
          /** @description Events by or about this id. */
          subject?: string;
          target?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['AuditEvent'][];
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/carriers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List carriers */
    get: {
      parameters: {
        query?: {
          limit?: number;
          starting_after?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Carrier'][];
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/checkout/options': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What a wallet top-up can be: amounts, methods and their fees, the first top-up waiver */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              first_top_up_fee_waived: boolean;
              methods: {
                charge_currency: string;
                fee_fixed: {
                  /** @description Integer count of the minor unit (cents, fen). */
                  amount_minor: number;
                  /** @example USD */
                  currency: string;
                };
                fee_percent_bps: number;
                /** @enum {string} */
                method: 'card' | 'apple_pay' | 'alipay' | 'wechat_pay' | 'paypal' | 'wallet';
              }[];
              /** @enum {string} */
              object: 'checkout_options';
              quote_lock_minutes: number;
              wallet_top_up: {
                maximum: {
                  /** @description Integer count of the minor unit (cents, fen). */
                  amount_minor: number;
                  /** @example USD */
                  currency: string;
                };
                minimum: {
                  /** @description Integer count of the minor unit (cents, fen). */
                  amount_minor: number;
                  /** @example USD */
                  currency: string;
                };
                presets: {
                  /** @description Integer count of the minor unit (cents, fen). */
                  amount_minor: number;
                  /** @example USD */
                  currency: string;
                }[];
              };
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/compatible-devices': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List phones and whether they take an eSIM
     * @description The curated list (version 2026-12-04), with regional caveats in your language.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['CompatibleDevice'][];
              /** @enum {boolean} */
              has_more: false;
              /** @enum {string} */
              object: 'list';
              version: string;
            };
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Find customers by id or by part of an email, name or phone number (theirs or a line’s; the newest 20) */
    get: {
      parameters: {
        query: {
          query: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Customer'][];
              /** @description More matched: type more of the email or number. */
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/api-access': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Make a customer a partner account that may create API keys, or stop that (revokes its keys) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            enabled: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Customer'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/dev/mailbox': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List messages received by the embedded SMTP server (embedded mode only) */
    get: {
      parameters: {
        query?: {
          limit?: number;
          starting_after?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['DevMessage'][];
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/dev/mailbox/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Retrieve one received message (embedded mode only) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['DevMessage'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/device-checks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Check whether a phone takes an eSIM
     * @description By EID (proof of an eSIM chip), by model name or identifier, or by user agent (the request’s own when the body names nothing). Creates nothing.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description 32 digits starting 89 (Settings > About, *#06#). */
            eid?: string;
            /** @example iPhone 15 Pro */
            model?: string;
            /** @description A user agent to read; the request’s own User-Agent when nothing is given. */
            user_agent?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['DeviceCheck'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/email-verifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Verify an email address with the token from the emailed link */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            token: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              email: string;
              /** @enum {string} */
              object: 'email_verification';
              /** @enum {boolean} */
              verified: true;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/email-verifications/resend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a new verification link (only if the address has an unverified account; the answer never says) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @example li.wei@example.com */
            email: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              object: 'email_verification_request';
              /** @enum {string} */
              status: 'sent_if_unverified';
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/esims': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your eSIMs, newest first */
    get: {
      parameters: {
        query?: {
          limit?: number;
          starting_after?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Esim'][];
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/esims/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One of your eSIMs: how to install it, its packages and the data left
     * @description The data left is the provider’s reading (`usage.observed_at`), read again when older than about a minute; the provider’s status also moves `install_state` (in use → `enabled`).
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Esim'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/esims/{id}/qr.png': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The install QR code of one of your eSIMs (PNG)
     * @description Decodes to `install.activation_code`. Strong ETag: send `If-None-Match` to get 304. `Cache-Control: private`.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The QR code */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'image/png': string;
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/esims/{id}/qr.svg': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The install QR code of one of your eSIMs (SVG)
     * @description Decodes to `install.activation_code`. Strong ETag: send `If-None-Match` to get 304. `Cache-Control: private`.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The QR code */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'image/svg+xml': string;
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/esims/{id}/top-up-packages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The top-ups this eSIM accepts (its provider’s, for this eSIM only), with your price */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['EsimTopUpPackage'][];
              /** @enum {boolean} */
              has_more: false;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/fx-pairs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Currency pairs: how each is priced, the latest feed and operator rates */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                base: string;
                effective: {
                  /** @description ISO 8601, UTC. */
                  as_of: string;
                  base: string;
                  /** @enum {string} */
                  object: 'fx_rate';
                  quote: string;
                  rate: string;
                  /** @enum {string} */
                  source: 'feed' | 'operator';
                } | null;
                /** @example USD-CNY */
                id: string;
                latest_feed: {
                  /** @description ISO 8601, UTC. */
                  as_of: string;
                  rate: string;
                  source_name: string;
                } | null;
                latest_operator: {
                  /** @description ISO 8601, UTC. */
                  as_of: string;
                  rate: string;
                  set_by: string;
                } | null;
                markup_bps: number;
                /** @enum {string} */
                mode: 'feed' | 'operator';
                /** @enum {string} */
                object: 'fx_pair';
                quote: string;
                /** @description ISO 8601, UTC. */
                updated_at: string;
                updated_by: string | null;
              }[];
              /** @enum {boolean} */
              has_more: false;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/fx-pairs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Price a pair from the feed plus a markup, or at the operator's own rate (audited) */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            markup_bps: number;
            /** @enum {string} */
            mode: 'feed' | 'operator';
            rate?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              base: string;
              effective: {
                /** @description ISO 8601, UTC. */
                as_of: string;
                base: string;
                /** @enum {string} */
                object: 'fx_rate';
                quote: string;
                rate: string;
                /** @enum {string} */
                source: 'feed' | 'operator';
              } | null;
              /** @example USD-CNY */
              id: string;
              latest_feed: {
                /** @description ISO 8601, UTC. */
                as_of: string;
                rate: string;
                source_name: string;
              } | null;
              latest_operator: {
                /** @description ISO 8601, UTC. */
                as_of: string;
                rate: string;
                set_by: string;
              } | null;
              markup_bps: number;
              /** @enum {string} */
              mode: 'feed' | 'operator';
              /** @enum {string} */
              object: 'fx_pair';
              quote: string;
              /** @description ISO 8601, UTC. */
              updated_at: string;
              updated_by: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    trace?: never;
  };
  '/v1/fx-rates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The exchange rates quotes use now, with their source and time */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                /** @description ISO 8601, UTC. */
                as_of: string;
                base: string;
                /** @enum {string} */
                object: 'fx_rate';
                quote: string;
                rate: string;
                /** @enum {string} */
                source: 'feed' | 'operator';
              }[];
              /** @enum {boolean} */
              has_more: false;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/lines': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your lines (your SIM, a tablet, family members’ phones) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Line'][];
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    /** Add a line: the number is checked and its operator looked up (or chosen by you) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            device?: string | null;
            /** @description The 19–20 digits on the SIM card. */
            iccid?: string | null;
            nickname?: string | null;
            /** @description An operator id from GET /v1/operators. */
            operator?: string;
            phone: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Line'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/lines/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of your lines */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Line'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    /** Take a line off your account (its orders and receipts stay) */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    /** Rename a line, correct its operator, add its ICCID or device */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            device?: string | null;
            /** @description The 19–20 digits on the SIM card. */
            iccid?: string | null;
            nickname?: string | null;
            /** @description An operator id from GET /v1/operators. */
            operator?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Line'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    trace?: never;
  };
  '/v1/lines/{id}/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The personal centre of a line: plan, balance, expiry, data where reported, history */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['LineSummary'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/method-fees': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Each payment method's fee, the rule a quote applies on top of the price (public)
     * @description A customer's first paid order pays no method fee (GET /v1/checkout/options says whether it applies).
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['MethodFee'][];
              /** @enum {boolean} */
              has_more: false;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/offers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What can be bought for a line or any number: top-ups, plan renewals, data, PINs */
    get: {
      parameters: {
        query?: {
          line?: string;
          phone?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Offer'][];
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
              operator: components['schemas']['Operator'] | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/operators': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The operators of a country, to correct a line’s detected carrier */
    get: {
      parameters: {
        query?: {
          country?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Operator'][];
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/orders': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Your orders, newest first
     * @description Orders that expired unpaid (a price looked at and never paid) are left out unless asked for with `status=expired`. A refill PIN is masked here; `GET /v1/orders/{id}/pin` reveals it.
     */
    get: {
      parameters: {
        query?: {
          limit?: number;
          starting_after?: string;
          status?:
            | 'awaiting_payment'
            | 'paid'
            | 'fulfilling'
            | 'fulfilled'
            | 'failed'
            | 'refunding'
            | 'refunded'
            | 'expired'
            | 'cancelled';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Order'][];
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    /** Place an order from an open quote: its price is the quote’s, nothing else */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            quote: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/orders/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of your orders with its timeline */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/orders/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel an order you have not paid
     * @description Only while it waits for payment; cancelling a cancelled order answers it as it is. Once paid (or expired) the answer is 409 `order_not_cancellable`: a paid top-up that cannot be delivered is refunded automatically. Send an Idempotency-Key.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/orders/{id}/payments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Pay an order: starts one attempt with the quote’s method (or returns the one in flight)
     * @description Send an Idempotency-Key. While an attempt is in flight the same attempt comes back, so a double click reaches the provider once. If the same amount was paid moments ago, the answer is 409 `possible_duplicate_payment` until `confirm_duplicate` is true.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @default false */
            confirm_duplicate?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Payment'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/orders/{id}/pin': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Reveal the refill PIN of one of your delivered orders, with how to redeem it
     * @description The whole PIN, only for the order’s owner (404 for anyone else, and before it is delivered), never cached (`Cache-Control: no-store`). Redemption steps are in your language; `carrier_note` is the carrier’s own text as the provider gave it.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RefillPin'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/orders/{id}/receipt': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The receipt of a paid order: items, fee, FX rate and CNY amount, how you paid */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Receipt'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/orders/{id}/receipt.pdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The receipt of a paid order as a PDF file, in your language and time zone */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The receipt (Letter size); the file is named after the receipt number */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/pdf': string;
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/password-resets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Email a password reset link (the answer is the same whether or not the address has an account) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @example li.wei@example.com */
            email: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              object: 'password_reset_request';
              /** @enum {string} */
              status: 'sent_if_registered';
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/password-resets/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Set a new password with the token from the reset link (single use, 30 minutes) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            new_password: string;
            token: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              object: 'password_reset';
              /** @enum {string} */
              status: 'completed';
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/payment-methods': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your saved cards (kept at the payment provider; for auto-recharge) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['SavedPaymentMethod'][];
              /** @enum {boolean} */
              has_more: false;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/payment-methods/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove a saved card */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/payment-methods/setups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Save a card: returns the provider page where the card is typed */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              next_action: components['schemas']['PaymentNextAction'] | null;
              /** @enum {string} */
              object: 'setup';
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/payments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A payment attempt of yours */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Payment'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/payments/{id}/qr.svg': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The WeChat Pay QR code of an attempt, as SVG (served by SimFill, so the page needs no third party) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': string;
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/payments/{id}/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Ask the provider about this attempt now (the page you return to after paying calls it) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Payment'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/phone-numbers/lookup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Check a number before adding or topping it up, and find its operator */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            phone: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              country: string;
              /** @enum {string} */
              object: 'phone_number';
              /** @description null: the provider could not tell. */
              operator: components['schemas']['Operator'] | null;
              phone: string;
              phone_national: string;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/plans': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List plans
     * @description Active plans, oldest first, filtered and paginated with limit / starting_after.
     */
    get: {
      parameters: {
        query?: {
          /** @description A carrier id or slug (att, t-mobile, …). */
          carrier?: string;
          /** @description ISO 3166-1 alpha-2 country the plan must cover. */
          country?: string;
          limit?: number;
          /** @description At least this much high-speed data, in MiB; unlimited plans always match. */
          min_data_mb?: number;
          sim_type?: 'psim' | 'esim';
          starting_after?: string;
          unlimited?: 'true' | 'false';
          validity?: 'daily' | '7_days' | '30_days' | 'monthly' | 'quarterly';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Plan'][];
              has_more: boolean;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/plans/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Retrieve a plan */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Plan'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/quotes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Price a purchase and lock it (and its CNY rate for Alipay / WeChat Pay) for a while
     * @description A wallet top-up, a line top-up, a new eSIM of a plan (`esim`) or more data on one of your eSIMs (`esim_topup`).
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            method: 'card' | 'apple_pay' | 'alipay' | 'wechat_pay' | 'paypal' | 'wallet';
            product:
              | {
                  amount_minor: number;
                  /** @default USD */
                  currency?: string;
                  /** @enum {string} */
                  type: 'wallet_credit';
                }
              | {
                  /**
                   * @description Instead of `amount_minor`: the face value as typed, in major units ("50", "50.00"), with at most the currency’s decimals.
                   * @example 50.00
                   */
                  amount?: string;
                  /** @description For a ranged top-up: the face value the line should receive, in minor units of the offer’s currency (5000 = ¥50.00 for a CNY offer). */
                  amount_minor?: number;
                  /**
                   * @description The currency of the amount; must be the offer’s (`range.minimum.currency`), else 400 `amount_currency_mismatch`.
                   * @example CNY
                   */
                  currency?: string;
                  /** @description One of your lines… */
                  line?: string;
                  /** @description …or any number in E.164 (a gift). */
                  phone?: string;
                  /** @description An offer id from GET /v1/offers (for a line: ?line=line_…, for any number: ?phone=…). */
                  product: string;
                  /** @enum {string} */
                  type: 'line_topup';
                }
              | {
                  /** @description A catalog plan (GET /v1/plans) with `esim_purchasable: true`: a new eSIM of it (else 422 `plan_not_esim`). */
                  plan: string;
                  /** @enum {string} */
                  type: 'esim';
                }
              | {
                  /** @description One of your eSIMs (GET /v1/esims). */
                  esim: string;
                  /** @description A `package_id` from GET /v1/esims/{id}/top-up-packages: more data on the same eSIM (else 422 `esim_package_not_available`). */
                  package: string;
                  /** @enum {string} */
                  type: 'esim_topup';
                };
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Quote'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/quotes/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A quote of yours, with whether it has expired */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Quote'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/registrations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create a customer account; a verification link is emailed
     * @description Answers 202 in the same way whether or not the email already has an account; the owner of an existing account gets an email saying so.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            display_currency?: 'USD' | 'CNY';
            /** @example li.wei@example.com */
            email: string;
            /** @enum {string} */
            locale?: 'zh-CN' | 'en';
            name?: string;
            password: string;
            /** @description E.164, with the country code: +14155550123, +8613812345678 */
            phone?: string;
            time_zone?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              email: string;
              /** @enum {string} */
              object: 'registration';
              /** @enum {string} */
              status: 'verification_sent';
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/session': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The current session (with its CSRF token) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Session'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    /** Log out this device */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Log in: sets the session cookie */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @example li.wei@example.com */
            email: string;
            password: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Session'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/staff': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Staff members */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Staff'][];
              /** @enum {boolean} */
              has_more: false;
              /** @enum {string} */
              object: 'list';
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    /** Add a staff member; the one-time set-password link is returned once and emailed */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @example li.wei@example.com */
            email: string;
            /**
             * @description The new member’s language: the invitation email is written in it (default: this request’s).
             * @enum {string}
             */
            locale?: 'zh-CN' | 'en';
            /** @enum {string} */
            role: 'owner' | 'admin' | 'support' | 'finance';
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description ISO 8601, UTC. */
              created: string;
              email: string;
              /** @example stf_01jz8x4e5qf0m8g4v3k2y1t9bc */
              id: string;
              last_login: string | null;
              /** @description The console language this person chose; null until they choose one. */
              locale: ('zh-CN' | 'en') | null;
              /** @enum {string} */
              object: 'staff';
              /** @enum {string} */
              role: 'owner' | 'admin' | 'support' | 'finance';
              set_password_url?: string;
              /** @enum {string} */
              status: 'active' | 'disabled';
              totp_enabled: boolean;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/staff/{id}/disable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Disable a staff member: every session ends at once */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Staff'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/staff/{id}/enable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Enable a disabled staff member again */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Staff'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/staff/{id}/reset-totp': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reset two-factor (lost phone): the member enrols again at next sign-in */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Staff'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/staff/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change my console preferences
     * @description The console language, kept on the staff account: every browser the person signs in from opens in it.
     */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            locale: 'zh-CN' | 'en';
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Staff'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    trace?: never;
  };
  '/v1/staff/password-setups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Set a staff password with the one-time link token */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            password: string;
            token: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              object: 'staff_password_setup';
              /** @enum {string} */
              status: 'completed';
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/staff/session': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The current staff session */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['StaffSession'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    /** Staff log out */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/staff/session/mfa': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Second step: a TOTP code; the session id is replaced */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @example 123456 */
            code: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['StaffSession'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/staff/session/totp': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start TOTP enrolment: a secret and its QR code for an authenticator app */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              object: 'totp_enrollment';
              otpauth_url: string;
              qr_svg: string;
              secret: string;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/staff/session/totp/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Finish TOTP enrolment with a code from the app */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @example 123456 */
            code: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['StaffSession'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/staff/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Staff log in (password step) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @example li.wei@example.com */
            email: string;
            password: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['StaffSession'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/wallet': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your wallet balance and its latest movements */
    get: {
      parameters: {
        query?: {
          /** @description The `next_before` of the previous page. */
          before?: string;
          limit?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              balance: {
                /** @description Integer count of the minor unit (cents, fen). */
                amount_minor: number;
                /** @example USD */
                currency: string;
              };
              /** @enum {string} */
              object: 'wallet';
              transactions: {
                data: {
                  /** @description Positive adds to the wallet, negative takes from it. */
                  amount: {
                    /** @description Integer count of the minor unit (cents, fen). */
                    amount_minor: number;
                    /** @example USD */
                    currency: string;
                  };
                  /** @description ISO 8601, UTC. */
                  created_at: string;
                  id: string;
                  /** @enum {string} */
                  object: 'wallet_transaction';
                  order: string | null;
                  /** @description `wallet_credit` (a top-up), `refund`, `spend`, … */
                  type: string;
                }[];
                has_more: boolean;
                next_before: number | null;
                /** @enum {string} */
                object: 'list';
              };
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/paypal': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Events from PayPal (signed) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              duplicate: boolean;
              /** @enum {boolean} */
              received: true;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/stripe': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Events from the Stripe-compatible provider (signed) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              duplicate: boolean;
              /** @enum {boolean} */
              received: true;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Default Response */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    ApiKey: {
      /** @description ISO 8601, UTC. */
      created: string;
      /** @example key_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      last_used: string | null;
      /** @enum {string} */
      mode: 'test' | 'live';
      name: string;
      /** @constant */
      object: 'api_key';
      /** @example sk_test_…a1b2 */
      redacted: string;
      revoked: string | null;
      scopes: ('account:read' | 'orders:read' | 'orders:write' | 'lines:read' | 'lines:write')[];
      /** @description Only in the response that created the key. */
      secret?: string;
    };
    ApiKeyInput: {
      /** @description ISO 8601, UTC. */
      created: string;
      /** @example key_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      last_used: string | null;
      /** @enum {string} */
      mode: 'test' | 'live';
      name: string;
      /** @constant */
      object: 'api_key';
      /** @example sk_test_…a1b2 */
      redacted: string;
      revoked: string | null;
      scopes: ('account:read' | 'orders:read' | 'orders:write' | 'lines:read' | 'lines:write')[];
      /** @description Only in the response that created the key. */
      secret?: string;
    };
    AuditEvent: {
      /** @example customer.login_failed */
      action: string;
      actor: {
        id: string | null;
        /** @enum {string} */
        type: 'customer' | 'staff' | 'api_key' | 'system' | 'anonymous';
      };
      created: string;
      details: {
        [key: string]: string | number | boolean | null;
      };
      /** @example aud_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      ip: string | null;
      /** @constant */
      object: 'audit_event';
      /** @enum {string} */
      outcome: 'success' | 'failure';
      request_id: string | null;
      target: {
        id: string;
        type: string;
      } | null;
      user_agent: string | null;
    };
    AuditEventInput: {
      /** @example customer.login_failed */
      action: string;
      actor: {
        id: string | null;
        /** @enum {string} */
        type: 'customer' | 'staff' | 'api_key' | 'system' | 'anonymous';
      };
      created: string;
      details: {
        [key: string]: string | number | boolean | null;
      };
      /** @example aud_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      ip: string | null;
      /** @constant */
      object: 'audit_event';
      /** @enum {string} */
      outcome: 'success' | 'failure';
      request_id: string | null;
      target: {
        id: string;
        type: string;
      } | null;
      user_agent: string | null;
    };
    Carrier: {
      /** @example US */
      country: string;
      /** @description For an MVNO, the id of the network it runs on. */
      host_carrier: string | null;
      /** @example car_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      /**
       * @description mno: runs its own network; mvno: resells one.
       * @enum {string}
       */
      kind: 'mno' | 'mvno';
      /** @description In the request's language. */
      name: string;
      /** @constant */
      object: 'carrier';
      /** @example att */
      slug: string;
      website: string | null;
    };
    CarrierInput: {
      /** @example US */
      country: string;
      /** @description For an MVNO, the id of the network it runs on. */
      host_carrier: string | null;
      /** @example car_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      /**
       * @description mno: runs its own network; mvno: resells one.
       * @enum {string}
       */
      kind: 'mno' | 'mvno';
      /** @description In the request's language. */
      name: string;
      /** @constant */
      object: 'carrier';
      /** @example att */
      slug: string;
      website: string | null;
    };
    CompatibleDevice: {
      /** @description Other names and model identifiers it is known by. */
      aliases: string[];
      brand: string;
      esim: boolean;
      model: string;
      /** @description Regional or model caveats, in your language. */
      note: string | null;
      /** @constant */
      object: 'compatible_device';
      /** @description The first OS version with eSIM on it, when it matters. */
      os_minimum: string | null;
    };
    CompatibleDeviceInput: {
      /** @description Other names and model identifiers it is known by. */
      aliases: string[];
      brand: string;
      esim: boolean;
      model: string;
      /** @description Regional or model caveats, in your language. */
      note: string | null;
      /** @constant */
      object: 'compatible_device';
      /** @description The first OS version with eSIM on it, when it matters. */
      os_minimum: string | null;
    };
    ConsoleEsim: {
      /** @description ISO 8601, UTC. */
      created_at: string;
      customer: string;
      eid: string | null;
      iccid: string;
      id: string;
      /** @enum {string} */
      install_state: 'not_installed' | 'downloaded' | 'installed' | 'enabled' | 'deleted';
      /** @description ISO 8601, UTC. */
      install_state_at: string;
      /** @description The line the flow made for it, once delivered. */
      line: string | null;
      /** @constant */
      object: 'esim';
      /** @description The SimFill order that bought it (GET /v1/admin/orders/{id}). */
      order: string;
      /** @description Its first package and every top-up. */
      packages_count: number;
      /** @description The source’s own status of the sim (Airalo: not_active, active, finished…). */
      provider_status: string | null;
      /** @enum {string} */
      source: 'airalo' | 'smdp';
    };
    ConsoleEsimInput: {
      /** @description ISO 8601, UTC. */
      created_at: string;
      customer: string;
      eid: string | null;
      iccid: string;
      id: string;
      /** @enum {string} */
      install_state: 'not_installed' | 'downloaded' | 'installed' | 'enabled' | 'deleted';
      /** @description ISO 8601, UTC. */
      install_state_at: string;
      /** @description The line the flow made for it, once delivered. */
      line: string | null;
      /** @constant */
      object: 'esim';
      /** @description The SimFill order that bought it (GET /v1/admin/orders/{id}). */
      order: string;
      /** @description Its first package and every top-up. */
      packages_count: number;
      /** @description The source’s own status of the sim (Airalo: not_active, active, finished…). */
      provider_status: string | null;
      /** @enum {string} */
      source: 'airalo' | 'smdp';
    };
    ConsoleEsimOrder: {
      attempts: number;
      /** @description What the source charged SimFill, once succeeded. */
      cost: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      /** @description ISO 8601, UTC. */
      created_at: string;
      customer: string;
      /** @description The eSIM topped up, or the one issued once it is. */
      esim: string | null;
      finished_at: string | null;
      iccid: string | null;
      id: string;
      /** @enum {string} */
      kind: 'new' | 'topup';
      next_check_at: string | null;
      /** @constant */
      object: 'esim_order';
      /** @description The SimFill order it delivers; its refunds are on that order. */
      order: string;
      package_id: string;
      /** @description As sold, in your language. */
      package_name: string;
      /** @description The source’s last refusal: Airalo 11, 13, 23, 33, 34, 73; ES2+ `subject/reason`. */
      provider_code: string | null;
      provider_order_id: string | null;
      /** @description That code in words, in your language; null for a code SimFill does not know. */
      provider_reason: string | null;
      /** @enum {string} */
      source: 'airalo' | 'smdp';
      /** @enum {string} */
      status: 'queued' | 'sending' | 'unknown' | 'succeeded' | 'failed';
    };
    ConsoleEsimOrderInput: {
      attempts: number;
      /** @description What the source charged SimFill, once succeeded. */
      cost: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      /** @description ISO 8601, UTC. */
      created_at: string;
      customer: string;
      /** @description The eSIM topped up, or the one issued once it is. */
      esim: string | null;
      finished_at: string | null;
      iccid: string | null;
      id: string;
      /** @enum {string} */
      kind: 'new' | 'topup';
      next_check_at: string | null;
      /** @constant */
      object: 'esim_order';
      /** @description The SimFill order it delivers; its refunds are on that order. */
      order: string;
      package_id: string;
      /** @description As sold, in your language. */
      package_name: string;
      /** @description The source’s last refusal: Airalo 11, 13, 23, 33, 34, 73; ES2+ `subject/reason`. */
      provider_code: string | null;
      provider_order_id: string | null;
      /** @description That code in words, in your language; null for a code SimFill does not know. */
      provider_reason: string | null;
      /** @enum {string} */
      source: 'airalo' | 'smdp';
      /** @enum {string} */
      status: 'queued' | 'sending' | 'unknown' | 'succeeded' | 'failed';
    };
    ConsoleEsimStory: {
      /** @description ISO 8601, UTC. */
      created_at: string;
      customer: string;
      eid: string | null;
      events: {
        /** @description ISO 8601, UTC. */
        at: string;
        detail: {
          [key: string]: unknown;
        };
        esim_order: string | null;
        id: string;
        /** @example sent */
        kind: string;
        provider_code: string | null;
        provider_reason: string | null;
      }[];
      iccid: string;
      id: string;
      /** @enum {string} */
      install_state: 'not_installed' | 'downloaded' | 'installed' | 'enabled' | 'deleted';
      /** @description ISO 8601, UTC. */
      install_state_at: string;
      /** @description The line the flow made for it, once delivered. */
      line: string | null;
      /** @constant */
      object: 'esim';
      /** @description The SimFill order that bought it (GET /v1/admin/orders/{id}). */
      order: string;
      orders: components['schemas']['ConsoleEsimOrder'][];
      packages: {
        /** @description ISO 8601, UTC. */
        added_at: string;
        countries: string[];
        data_mb: number | null;
        esim_order: string;
        id: string;
        /** @enum {string} */
        kind: 'new' | 'topup';
        name: string;
        package_id: string;
        unlimited: boolean;
        validity_days: number;
      }[];
      /** @description Its first package and every top-up. */
      packages_count: number;
      /** @description The source’s own status of the sim (Airalo: not_active, active, finished…). */
      provider_status: string | null;
      /** @enum {string} */
      source: 'airalo' | 'smdp';
      /** @description The last usage read from the source; null when never read. */
      usage: {
        expires_at: string | null;
        /** @description ISO 8601, UTC. */
        observed_at: string;
        remaining_mb: number | null;
        total_mb: number | null;
        unlimited: boolean;
      } | null;
    };
    ConsoleEsimStoryInput: {
      /** @description ISO 8601, UTC. */
      created_at: string;
      customer: string;
      eid: string | null;
      events: {
        /** @description ISO 8601, UTC. */
        at: string;
        detail: {
          [key: string]: unknown;
        };
        esim_order: string | null;
        id: string;
        /** @example sent */
        kind: string;
        provider_code: string | null;
        provider_reason: string | null;
      }[];
      iccid: string;
      id: string;
      /** @enum {string} */
      install_state: 'not_installed' | 'downloaded' | 'installed' | 'enabled' | 'deleted';
      /** @description ISO 8601, UTC. */
      install_state_at: string;
      /** @description The line the flow made for it, once delivered. */
      line: string | null;
      /** @constant */
      object: 'esim';
      /** @description The SimFill order that bought it (GET /v1/admin/orders/{id}). */
      order: string;
      orders: components['schemas']['ConsoleEsimOrderInput'][];
      packages: {
        /** @description ISO 8601, UTC. */
        added_at: string;
        countries: string[];
        data_mb: number | null;
        esim_order: string;
        id: string;
        /** @enum {string} */
        kind: 'new' | 'topup';
        name: string;
        package_id: string;
        unlimited: boolean;
        validity_days: number;
      }[];
      /** @description Its first package and every top-up. */
      packages_count: number;
      /** @description The source’s own status of the sim (Airalo: not_active, active, finished…). */
      provider_status: string | null;
      /** @enum {string} */
      source: 'airalo' | 'smdp';
      /** @description The last usage read from the source; null when never read. */
      usage: {
        expires_at: string | null;
        /** @description ISO 8601, UTC. */
        observed_at: string;
        remaining_mb: number | null;
        total_mb: number | null;
        unlimited: boolean;
      } | null;
    };
    Customer: {
      /** @description Partner account: may create API keys. */
      api_access: boolean;
      /** @description ISO 8601, UTC. */
      created: string;
      deletion: {
        /** @description ISO 8601, UTC. */
        requested: string;
        /** @description ISO 8601, UTC. */
        scheduled_for: string;
      } | null;
      /** @enum {string} */
      display_currency: 'USD' | 'CNY';
      email: string;
      email_verified: boolean;
      /** @example cus_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      /** @enum {string} */
      locale: 'zh-CN' | 'en';
      name: string | null;
      /** @constant */
      object: 'customer';
      phone: string | null;
      time_zone: string;
    };
    CustomerInput: {
      /** @description Partner account: may create API keys. */
      api_access: boolean;
      /** @description ISO 8601, UTC. */
      created: string;
      deletion: {
        /** @description ISO 8601, UTC. */
        requested: string;
        /** @description ISO 8601, UTC. */
        scheduled_for: string;
      } | null;
      /** @enum {string} */
      display_currency: 'USD' | 'CNY';
      email: string;
      email_verified: boolean;
      /** @example cus_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      /** @enum {string} */
      locale: 'zh-CN' | 'en';
      name: string | null;
      /** @constant */
      object: 'customer';
      phone: string | null;
      time_zone: string;
    };
    CustomerOverview: {
      customer: components['schemas']['Customer'];
      lines: components['schemas']['Line'][];
      /** @constant */
      object: 'customer_overview';
      orders: {
        data: components['schemas']['Order'][];
        has_more: boolean;
      };
      sessions: {
        /** @description ISO 8601, UTC. */
        created_at: string;
        id: string;
        ip: string | null;
        /** @description ISO 8601, UTC. */
        last_seen_at: string;
        user_agent: string | null;
      }[];
      wallet: {
        balance: {
          /** @description Integer count of the minor unit (cents, fen). */
          amount_minor: number;
          /** @example USD */
          currency: string;
        };
        has_more: boolean;
        transactions: {
          amount: {
            /** @description Integer count of the minor unit (cents, fen). */
            amount_minor: number;
            /** @example USD */
            currency: string;
          };
          /** @description ISO 8601, UTC. */
          created_at: string;
          id: string;
          order: string | null;
          type: string;
        }[];
      };
    };
    CustomerOverviewInput: {
      customer: components['schemas']['CustomerInput'];
      lines: components['schemas']['LineInput'][];
      /** @constant */
      object: 'customer_overview';
      orders: {
        data: components['schemas']['OrderInput'][];
        has_more: boolean;
      };
      sessions: {
        /** @description ISO 8601, UTC. */
        created_at: string;
        id: string;
        ip: string | null;
        /** @description ISO 8601, UTC. */
        last_seen_at: string;
        user_agent: string | null;
      }[];
      wallet: {
        balance: {
          /** @description Integer count of the minor unit (cents, fen). */
          amount_minor: number;
          /** @example USD */
          currency: string;
        };
        has_more: boolean;
        transactions: {
          amount: {
            /** @description Integer count of the minor unit (cents, fen). */
            amount_minor: number;
            /** @example USD */
            currency: string;
          };
          /** @description ISO 8601, UTC. */
          created_at: string;
          id: string;
          order: string | null;
          type: string;
        }[];
      };
    };
    Delivery: {
      amount: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      attempts: number;
      cost: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      /** @description ISO 8601, UTC. */
      created_at: string;
      custom_identifier: string;
      customer: string;
      finished_at: string | null;
      id: string;
      kind: string;
      last_error_code: string | null;
      next_check_at: string | null;
      /** @constant */
      object: 'delivery';
      order: string;
      /** @description Masked: only the customer’s receipt shows it whole. */
      pin: string | null;
      product: string;
      provider: string;
      /** @description SimFill’s own account at the provider (the float) after this top-up’s cost, as the provider reported it (Reloadly `balanceInfo.newBalance`). Not the line’s balance. */
      provider_balance_after: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      provider_transaction_id: string | null;
      recipient: string;
      /** @enum {string} */
      status: 'queued' | 'sending' | 'processing' | 'succeeded' | 'failed';
    };
    DeliveryInput: {
      amount: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      attempts: number;
      cost: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      /** @description ISO 8601, UTC. */
      created_at: string;
      custom_identifier: string;
      customer: string;
      finished_at: string | null;
      id: string;
      kind: string;
      last_error_code: string | null;
      next_check_at: string | null;
      /** @constant */
      object: 'delivery';
      order: string;
      /** @description Masked: only the customer’s receipt shows it whole. */
      pin: string | null;
      product: string;
      provider: string;
      /** @description SimFill’s own account at the provider (the float) after this top-up’s cost, as the provider reported it (Reloadly `balanceInfo.newBalance`). Not the line’s balance. */
      provider_balance_after: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      provider_transaction_id: string | null;
      recipient: string;
      /** @enum {string} */
      status: 'queued' | 'sending' | 'processing' | 'succeeded' | 'failed';
    };
    DeviceCheck: {
      /** @description What holds whatever the verdict (carrier unlock, regions). */
      caveats: string[];
      device: components['schemas']['CompatibleDevice'] | null;
      list_version: string;
      /** @description The reason in your language: for a listed phone without eSIM, the list’s note on it. */
      message: string;
      /** @constant */
      object: 'device_check';
      /** @description Why, as a code: eid_valid, model_listed, ios_model_hidden, … */
      reason: string;
      /** @enum {string} */
      verdict: 'compatible' | 'not_compatible' | 'unknown';
    };
    DeviceCheckInput: {
      /** @description What holds whatever the verdict (carrier unlock, regions). */
      caveats: string[];
      device: components['schemas']['CompatibleDeviceInput'] | null;
      list_version: string;
      /** @description The reason in your language: for a listed phone without eSIM, the list’s note on it. */
      message: string;
      /** @constant */
      object: 'device_check';
      /** @description Why, as a code: eid_valid, model_listed, ios_model_hidden, … */
      reason: string;
      /** @enum {string} */
      verdict: 'compatible' | 'not_compatible' | 'unknown';
    };
    DevMessage: {
      envelope_from: string;
      envelope_to: string[];
      from: string;
      html: string | null;
      /** @example msg_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      message_id: string | null;
      /** @constant */
      object: 'dev_message';
      /** @description ISO 8601, UTC. */
      received: string;
      size_bytes: number;
      subject: string;
      text: string;
      to: string;
    };
    DevMessageInput: {
      envelope_from: string;
      envelope_to: string[];
      from: string;
      html: string | null;
      /** @example msg_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      message_id: string | null;
      /** @constant */
      object: 'dev_message';
      /** @description ISO 8601, UTC. */
      received: string;
      size_bytes: number;
      subject: string;
      text: string;
      to: string;
    };
    Error: {
      error: {
        /** @example parameter_invalid */
        code: string;
        /** @description Human-readable, in the request's language. */
        message: string;
        /**
         * @description The request field at fault.
         * @example limit
         */
        param?: string;
        /** @enum {string} */
        type:
          | 'invalid_request_error'
          | 'idempotency_error'
          | 'authentication_error'
          | 'permission_error'
          | 'rate_limit_error'
          | 'api_error';
      };
    };
    ErrorInput: {
      error: {
        /** @example parameter_invalid */
        code: string;
        /** @description Human-readable, in the request's language. */
        message: string;
        /**
         * @description The request field at fault.
         * @example limit
         */
        param?: string;
        /** @enum {string} */
        type:
          | 'invalid_request_error'
          | 'idempotency_error'
          | 'authentication_error'
          | 'permission_error'
          | 'rate_limit_error'
          | 'api_error';
      };
    };
    Esim: {
      /** @description ISO 8601, UTC. */
      created_at: string;
      iccid: string;
      /** @example esim_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      install: {
        /**
         * @description What the QR code holds (SGP.22): `LPA:1$<SM-DP+ address>$<matching id>`.
         * @example LPA:1$smdp.example$ABC
         */
        activation_code: string;
        /** @description iOS 17.4 and later: install in one tap. */
        apple_install_url: string;
        /** @description The install also asks for a confirmation code (never in the QR code). */
        confirmation_code_required: boolean;
        /** @description For manual entry: the “activation code”. */
        matching_id: string;
        qr_png_url: string;
        qr_svg_url: string;
        /** @description For manual entry: the “SM-DP+ address”. */
        smdp_address: string;
      };
      /**
       * @description What the phone has done with it, as far as SimFill knows: from the SM-DP+ (downloaded, installed) or the provider’s status (in use → enabled).
       * @enum {string}
       */
      install_state: 'not_installed' | 'downloaded' | 'installed' | 'enabled' | 'deleted';
      /** @description ISO 8601, UTC. */
      install_state_at: string;
      /** @description Your line of this eSIM (GET /v1/lines), once made. */
      line: string | null;
      /** @description The plan’s name in your language. */
      name: string;
      /** @constant */
      object: 'esim';
      /** @description The order that bought it. */
      order: string;
      packages: {
        /** @description ISO 8601, UTC. */
        added_at: string;
        countries: string[];
        data_mb: number | null;
        /** @enum {string} */
        kind: 'new' | 'topup';
        name: string;
        package_id: string;
        unlimited: boolean;
        validity_days: number;
      }[];
      /** @enum {string} */
      source: 'airalo' | 'smdp';
      top_up_allowed: boolean;
      usage: {
        expires_at: string | null;
        /** @description ISO 8601, UTC. */
        observed_at: string;
        remaining_mb: number | null;
        /**
         * @description `provider`: as the provider reported it at `observed_at`; `simfill`: what SimFill sold (the SM-DP+ reports no usage).
         * @enum {string}
         */
        source: 'provider' | 'simfill';
        status: string | null;
        total_mb: number | null;
        unlimited: boolean;
      } | null;
    };
    EsimInput: {
      /** @description ISO 8601, UTC. */
      created_at: string;
      iccid: string;
      /** @example esim_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      install: {
        /**
         * @description What the QR code holds (SGP.22): `LPA:1$<SM-DP+ address>$<matching id>`.
         * @example LPA:1$smdp.example$ABC
         */
        activation_code: string;
        /** @description iOS 17.4 and later: install in one tap. */
        apple_install_url: string;
        /** @description The install also asks for a confirmation code (never in the QR code). */
        confirmation_code_required: boolean;
        /** @description For manual entry: the “activation code”. */
        matching_id: string;
        qr_png_url: string;
        qr_svg_url: string;
        /** @description For manual entry: the “SM-DP+ address”. */
        smdp_address: string;
      };
      /**
       * @description What the phone has done with it, as far as SimFill knows: from the SM-DP+ (downloaded, installed) or the provider’s status (in use → enabled).
       * @enum {string}
       */
      install_state: 'not_installed' | 'downloaded' | 'installed' | 'enabled' | 'deleted';
      /** @description ISO 8601, UTC. */
      install_state_at: string;
      /** @description Your line of this eSIM (GET /v1/lines), once made. */
      line: string | null;
      /** @description The plan’s name in your language. */
      name: string;
      /** @constant */
      object: 'esim';
      /** @description The order that bought it. */
      order: string;
      packages: {
        /** @description ISO 8601, UTC. */
        added_at: string;
        countries: string[];
        data_mb: number | null;
        /** @enum {string} */
        kind: 'new' | 'topup';
        name: string;
        package_id: string;
        unlimited: boolean;
        validity_days: number;
      }[];
      /** @enum {string} */
      source: 'airalo' | 'smdp';
      top_up_allowed: boolean;
      usage: {
        expires_at: string | null;
        /** @description ISO 8601, UTC. */
        observed_at: string;
        remaining_mb: number | null;
        /**
         * @description `provider`: as the provider reported it at `observed_at`; `simfill`: what SimFill sold (the SM-DP+ reports no usage).
         * @enum {string}
         */
        source: 'provider' | 'simfill';
        status: string | null;
        total_mb: number | null;
        unlimited: boolean;
      } | null;
    };
    EsimInventoryCount: {
      assigned: number;
      available: number;
      /** @constant */
      object: 'esim_inventory_count';
      profile_type: string;
      total: number;
      unavailable: number;
    };
    EsimInventoryCountInput: {
      assigned: number;
      available: number;
      /** @constant */
      object: 'esim_inventory_count';
      profile_type: string;
      total: number;
      unavailable: number;
    };
    EsimInventoryImport: {
      /** @description Profiles new to the pool. */
      added: number;
      /** @description Lines naming a profile already in the pool (left as it is). */
      duplicates: number;
      /** @constant */
      object: 'esim_inventory_import';
    };
    EsimInventoryImportInput: {
      /** @description Profiles new to the pool. */
      added: number;
      /** @description Lines naming a profile already in the pool (left as it is). */
      duplicates: number;
      /** @constant */
      object: 'esim_inventory_import';
    };
    EsimTopUpPackage: {
      countries: string[];
      data_mb: number | null;
      name: string;
      /** @constant */
      object: 'esim_top_up_package';
      /** @description What `POST /v1/quotes {type: "esim_topup", package}` names. */
      package_id: string;
      price: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      unlimited: boolean;
      validity_days: number;
    };
    EsimTopUpPackageInput: {
      countries: string[];
      data_mb: number | null;
      name: string;
      /** @constant */
      object: 'esim_top_up_package';
      /** @description What `POST /v1/quotes {type: "esim_topup", package}` names. */
      package_id: string;
      price: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      unlimited: boolean;
      validity_days: number;
    };
    Line: {
      country: string;
      /** @description ISO 8601, UTC. */
      created_at: string;
      device: string | null;
      /** @description The eSIM (`esim_…`) of an `esim` line; null for a `sim` line. */
      esim: string | null;
      iccid: string | null;
      /** @example line_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      /**
       * @description `sim`: a number you added (tops up by airtime); `esim`: an eSIM bought here (data only).
       * @enum {string}
       */
      kind: 'sim' | 'esim';
      nickname: string | null;
      /** @constant */
      object: 'line';
      operator: components['schemas']['Operator'] | null;
      /**
       * @description Found by the provider’s lookup, chosen by you, or not known yet.
       * @enum {string}
       */
      operator_source: 'detected' | 'customer' | 'unknown';
      /**
       * @description E.164; null for a data-only eSIM line
       * @example +14155550123
       */
      phone: string | null;
      /** @example (415) 555-0123 */
      phone_national: string | null;
    };
    LineInput: {
      country: string;
      /** @description ISO 8601, UTC. */
      created_at: string;
      device: string | null;
      /** @description The eSIM (`esim_…`) of an `esim` line; null for a `sim` line. */
      esim: string | null;
      iccid: string | null;
      /** @example line_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      /**
       * @description `sim`: a number you added (tops up by airtime); `esim`: an eSIM bought here (data only).
       * @enum {string}
       */
      kind: 'sim' | 'esim';
      nickname: string | null;
      /** @constant */
      object: 'line';
      operator: components['schemas']['OperatorInput'] | null;
      /**
       * @description Found by the provider’s lookup, chosen by you, or not known yet.
       * @enum {string}
       */
      operator_source: 'detected' | 'customer' | 'unknown';
      /**
       * @description E.164; null for a data-only eSIM line
       * @example +14155550123
       */
      phone: string | null;
      /** @example (415) 555-0123 */
      phone_national: string | null;
    };
    LineSummary: {
      /** @description What can be bought for this line now (充值 / 续费 / 加流量 / 卡密). */
      actions: ('airtime' | 'bundle' | 'data' | 'pin')[];
      /** @description The line’s own balance, only where its carrier reports it (`reported: false` otherwise: the customer checks it with the carrier). Reloadly does not: its `balanceInfo` is SimFill’s account there. */
      balance: {
        amount: {
          /** @description Integer count of the minor unit (cents, fen). */
          amount_minor: number;
          /** @example USD */
          currency: string;
        } | null;
        as_of: string | null;
        reported: boolean;
      };
      /** @description Data use, only where the line’s provider reports it (`reported: false` otherwise). */
      data: {
        as_of: string | null;
        remaining_mb: number | null;
        reported: boolean;
        used_mb: number | null;
      };
      history: {
        amount: {
          /** @description Integer count of the minor unit (cents, fen). */
          amount_minor: number;
          /** @example USD */
          currency: string;
        };
        /** @description Attempts made so far; `queued` after one means it waits for a retry (see the order). */
        attempts: number;
        /** @description ISO 8601, UTC. */
        created_at: string;
        eta_minutes: number;
        finished_at: string | null;
        kind: string;
        order: string;
        /** @description A refill PIN, masked: `GET /v1/orders/{id}/pin` reveals it to you (`order` names the order), and the receipt shows it. */
        pin: string | null;
        product: string;
        /** @enum {string} */
        status: 'queued' | 'sending' | 'processing' | 'succeeded' | 'failed';
      }[];
      /** @description Top-ups paid and still on their way. */
      in_progress: number;
      line: components['schemas']['Line'];
      next_charge_at: string | null;
      /** @constant */
      object: 'line_summary';
      /** @description The plan last renewed through SimFill, and when it runs out. */
      plan: {
        data_quota_mb: number | null;
        expires_at: string | null;
        name: string;
        /** @description ISO 8601, UTC. */
        renewed_at: string;
        unlimited_data: boolean;
        validity_days: number | null;
      } | null;
    };
    LineSummaryInput: {
      /** @description What can be bought for this line now (充值 / 续费 / 加流量 / 卡密). */
      actions: ('airtime' | 'bundle' | 'data' | 'pin')[];
      /** @description The line’s own balance, only where its carrier reports it (`reported: false` otherwise: the customer checks it with the carrier). Reloadly does not: its `balanceInfo` is SimFill’s account there. */
      balance: {
        amount: {
          /** @description Integer count of the minor unit (cents, fen). */
          amount_minor: number;
          /** @example USD */
          currency: string;
        } | null;
        as_of: string | null;
        reported: boolean;
      };
      /** @description Data use, only where the line’s provider reports it (`reported: false` otherwise). */
      data: {
        as_of: string | null;
        remaining_mb: number | null;
        reported: boolean;
        used_mb: number | null;
      };
      history: {
        amount: {
          /** @description Integer count of the minor unit (cents, fen). */
          amount_minor: number;
          /** @example USD */
          currency: string;
        };
        /** @description Attempts made so far; `queued` after one means it waits for a retry (see the order). */
        attempts: number;
        /** @description ISO 8601, UTC. */
        created_at: string;
        eta_minutes: number;
        finished_at: string | null;
        kind: string;
        order: string;
        /** @description A refill PIN, masked: `GET /v1/orders/{id}/pin` reveals it to you (`order` names the order), and the receipt shows it. */
        pin: string | null;
        product: string;
        /** @enum {string} */
        status: 'queued' | 'sending' | 'processing' | 'succeeded' | 'failed';
      }[];
      /** @description Top-ups paid and still on their way. */
      in_progress: number;
      line: components['schemas']['LineInput'];
      next_charge_at: string | null;
      /** @constant */
      object: 'line_summary';
      /** @description The plan last renewed through SimFill, and when it runs out. */
      plan: {
        data_quota_mb: number | null;
        expires_at: string | null;
        name: string;
        /** @description ISO 8601, UTC. */
        renewed_at: string;
        unlimited_data: boolean;
        validity_days: number | null;
      } | null;
    };
    MethodFee: {
      /**
       * @description CNY: charged in CNY at a rate the quote locks; USD: charged in USD.
       * @enum {string}
       */
      charge_currency: 'USD' | 'CNY';
      fee_fixed: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @description Of the discounted subtotal, in basis points. */
      fee_percent_bps: number;
      /** @enum {string} */
      method: 'card' | 'apple_pay' | 'alipay' | 'wechat_pay' | 'paypal' | 'wallet';
      /** @constant */
      object: 'method_fee';
    };
    MethodFeeInput: {
      /**
       * @description CNY: charged in CNY at a rate the quote locks; USD: charged in USD.
       * @enum {string}
       */
      charge_currency: 'USD' | 'CNY';
      fee_fixed: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @description Of the discounted subtotal, in basis points. */
      fee_percent_bps: number;
      /** @enum {string} */
      method: 'card' | 'apple_pay' | 'alipay' | 'wechat_pay' | 'paypal' | 'wallet';
      /** @constant */
      object: 'method_fee';
    };
    Mismatch: {
      custom_identifier: string;
      delivery: string | null;
      id: string;
      /** @enum {string} */
      kind: 'missing_in_simfill' | 'missing_at_provider' | 'status_differs' | 'amount_differs';
      /** @constant */
      object: 'mismatch';
      order: string | null;
      provider: {
        [key: string]: unknown;
      } | null;
      provider_transaction_id: string | null;
      resolution: string | null;
      resolved_at: string | null;
      resolved_by: string | null;
      simfill: {
        [key: string]: unknown;
      } | null;
    };
    MismatchInput: {
      custom_identifier: string;
      delivery: string | null;
      id: string;
      /** @enum {string} */
      kind: 'missing_in_simfill' | 'missing_at_provider' | 'status_differs' | 'amount_differs';
      /** @constant */
      object: 'mismatch';
      order: string | null;
      provider: {
        [key: string]: unknown;
      } | null;
      provider_transaction_id: string | null;
      resolution: string | null;
      resolved_at: string | null;
      resolved_by: string | null;
      simfill: {
        [key: string]: unknown;
      } | null;
    };
    Offer: {
      data_quota_mb: number | null;
      /** @description How long delivery usually takes; 0 = instant. */
      eta_minutes: number;
      /** @description What the line receives, in the currency the offer is stated in (CNY for China Mobile); null for a ranged top-up. */
      face: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      /** @description An offer stated in the line’s currency: the rate its USD price is made from (face ÷ rate, rounded half to even to the cent, then the markup). Null for a USD offer. */
      fx: {
        /** @description ISO 8601, UTC. */
        as_of: string;
        base: string;
        quote: string;
        /** @description The provider’s rate: units of `quote` per one `base`. */
        rate: string;
      } | null;
      /** @example prod_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      /**
       * @description `airtime` balance top-up, `bundle` plan renewal, `data` add-on, `pin` refill card code
       * @enum {string}
       */
      kind: 'airtime' | 'bundle' | 'data' | 'pin';
      name: string;
      /** @constant */
      object: 'offer';
      operator: string;
      /** @description The catalog plan this renews, when known. */
      plan: string | null;
      /** @description What you pay before the method fee, in USD; null when ranged. */
      price: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      /** @description For a ranged top-up: any face value between these, in the offer’s currency; price = face (at `fx` when not USD) + markup. */
      range: {
        markup_bps: number;
        maximum: {
          /** @description Integer count of the minor unit (cents, fen). */
          amount_minor: number;
          /** @example USD */
          currency: string;
        };
        minimum: {
          /** @description Integer count of the minor unit (cents, fen). */
          amount_minor: number;
          /** @example USD */
          currency: string;
        };
      } | null;
      unlimited_data: boolean;
      validity_days: number | null;
    };
    OfferInput: {
      data_quota_mb: number | null;
      /** @description How long delivery usually takes; 0 = instant. */
      eta_minutes: number;
      /** @description What the line receives, in the currency the offer is stated in (CNY for China Mobile); null for a ranged top-up. */
      face: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      /** @description An offer stated in the line’s currency: the rate its USD price is made from (face ÷ rate, rounded half to even to the cent, then the markup). Null for a USD offer. */
      fx: {
        /** @description ISO 8601, UTC. */
        as_of: string;
        base: string;
        quote: string;
        /** @description The provider’s rate: units of `quote` per one `base`. */
        rate: string;
      } | null;
      /** @example prod_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      /**
       * @description `airtime` balance top-up, `bundle` plan renewal, `data` add-on, `pin` refill card code
       * @enum {string}
       */
      kind: 'airtime' | 'bundle' | 'data' | 'pin';
      name: string;
      /** @constant */
      object: 'offer';
      operator: string;
      /** @description The catalog plan this renews, when known. */
      plan: string | null;
      /** @description What you pay before the method fee, in USD; null when ranged. */
      price: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      /** @description For a ranged top-up: any face value between these, in the offer’s currency; price = face (at `fx` when not USD) + markup. */
      range: {
        markup_bps: number;
        maximum: {
          /** @description Integer count of the minor unit (cents, fen). */
          amount_minor: number;
          /** @example USD */
          currency: string;
        };
        minimum: {
          /** @description Integer count of the minor unit (cents, fen). */
          amount_minor: number;
          /** @example USD */
          currency: string;
        };
      } | null;
      unlimited_data: boolean;
      validity_days: number | null;
    };
    Operator: {
      carrier: {
        id: string;
        name: string;
        slug: string;
      } | null;
      country: string;
      id: string;
      /** @description As its customers call it, in your language: 中国移动, T-Mobile. */
      name: string;
      /** @constant */
      object: 'operator';
    };
    OperatorInput: {
      carrier: {
        id: string;
        name: string;
        slug: string;
      } | null;
      country: string;
      id: string;
      /** @description As its customers call it, in your language: 中国移动, T-Mobile. */
      name: string;
      /** @constant */
      object: 'operator';
    };
    Order: {
      charge: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @description ISO 8601, UTC. */
      created_at: string;
      /** @description A line top-up’s way to the carrier, once paid. The line’s balance is not part of it: carriers do not report it through the airtime provider (check it with the carrier). */
      delivery: {
        /** @description Attempts made so far. */
        attempts: number;
        /** @description How long this channel usually takes; 0 = instant. */
        eta_minutes: number;
        finished_at: string | null;
        /** @description Attempts it gets before it is refunded; null where not computed (the console). */
        max_attempts: number | null;
        /** @description When it is tried (or the provider asked) again. */
        next_attempt_at: string | null;
        /**
         * @description `submitting` now; `processing` at the carrier; `confirming` (an answer was lost: the provider is asked, nothing is sent twice); `waiting_retry` (refused this time, tried again at `next_attempt_at`); `delivered`; `failed` (refunded).
         * @enum {string}
         */
        phase: 'submitting' | 'processing' | 'confirming' | 'waiting_retry' | 'delivered' | 'failed';
        /** @description A delivered refill PIN, masked; `GET /v1/orders/{id}/pin` reveals it. */
        pin: {
          masked: string;
        } | null;
        /** @description Why it is waiting (`waiting_retry` only). */
        reason: ('recently_recharged' | 'carrier_unavailable' | 'service_busy' | 'carrier_declined') | null;
        /** @description If every attempt left is refused too, the top-up is given up and the refund starts by then (from the retry rules). */
        refund_by: string | null;
        /** @enum {string} */
        status: 'queued' | 'sending' | 'processing' | 'succeeded' | 'failed';
      } | null;
      /** @description The eSIM (`esim_…`) this order issued or topped up, once known; null for other products. */
      esim: string | null;
      /** @description Unpaid after this, the order expires. */
      expires_at: string;
      /** @description A line top-up’s face value: what the line receives, in the offer’s currency (¥50.00). */
      face: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      /** @description A face in another currency than USD: the provider’s rate its price was made from. */
      face_fx: {
        /** @description When SimFill last read the rate from the provider. */
        as_of: string;
        base: string;
        quote: string;
        /** @description Units of quote currency per one unit of base, a decimal string. */
        rate: string;
      } | null;
      /** @example ord_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      /** @description What the order is for, in your language (Accept-Language or your account’s language). */
      item_name: string | null;
      method: string;
      /** @constant */
      object: 'order';
      paid_at: string | null;
      /** @description Every payment attempt, oldest first; the last one is the current one. */
      payments: components['schemas']['Payment'][];
      /** @description `wallet_credit` (a wallet top-up), `line_topup`, `esim` (a new eSIM) or `esim_topup` (data on one). */
      product: string;
      quote: string;
      receipt_number: string | null;
      /** @description The number a line top-up goes to (E.164); null for a wallet top-up. */
      recipient: string | null;
      /** @description The recipient with its country code, spaced for reading: `+1 646 217 4510`. */
      recipient_display: string | null;
      refunded: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @enum {string} */
      status:
        | 'awaiting_payment'
        | 'paid'
        | 'fulfilling'
        | 'fulfilled'
        | 'failed'
        | 'refunding'
        | 'refunded'
        | 'expired'
        | 'cancelled';
      timeline: {
        /** @description ISO 8601, UTC. */
        at: string;
        cause: string;
        from:
          | (
              | 'awaiting_payment'
              | 'paid'
              | 'fulfilling'
              | 'fulfilled'
              | 'failed'
              | 'refunding'
              | 'refunded'
              | 'expired'
              | 'cancelled'
            )
          | null;
        /** @enum {string} */
        to:
          | 'awaiting_payment'
          | 'paid'
          | 'fulfilling'
          | 'fulfilled'
          | 'failed'
          | 'refunding'
          | 'refunded'
          | 'expired'
          | 'cancelled';
      }[];
      total: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
    };
    OrderInput: {
      charge: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @description ISO 8601, UTC. */
      created_at: string;
      /** @description A line top-up’s way to the carrier, once paid. The line’s balance is not part of it: carriers do not report it through the airtime provider (check it with the carrier). */
      delivery: {
        /** @description Attempts made so far. */
        attempts: number;
        /** @description How long this channel usually takes; 0 = instant. */
        eta_minutes: number;
        finished_at: string | null;
        /** @description Attempts it gets before it is refunded; null where not computed (the console). */
        max_attempts: number | null;
        /** @description When it is tried (or the provider asked) again. */
        next_attempt_at: string | null;
        /**
         * @description `submitting` now; `processing` at the carrier; `confirming` (an answer was lost: the provider is asked, nothing is sent twice); `waiting_retry` (refused this time, tried again at `next_attempt_at`); `delivered`; `failed` (refunded).
         * @enum {string}
         */
        phase: 'submitting' | 'processing' | 'confirming' | 'waiting_retry' | 'delivered' | 'failed';
        /** @description A delivered refill PIN, masked; `GET /v1/orders/{id}/pin` reveals it. */
        pin: {
          masked: string;
        } | null;
        /** @description Why it is waiting (`waiting_retry` only). */
        reason: ('recently_recharged' | 'carrier_unavailable' | 'service_busy' | 'carrier_declined') | null;
        /** @description If every attempt left is refused too, the top-up is given up and the refund starts by then (from the retry rules). */
        refund_by: string | null;
        /** @enum {string} */
        status: 'queued' | 'sending' | 'processing' | 'succeeded' | 'failed';
      } | null;
      /** @description The eSIM (`esim_…`) this order issued or topped up, once known; null for other products. */
      esim: string | null;
      /** @description Unpaid after this, the order expires. */
      expires_at: string;
      /** @description A line top-up’s face value: what the line receives, in the offer’s currency (¥50.00). */
      face: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      /** @description A face in another currency than USD: the provider’s rate its price was made from. */
      face_fx: {
        /** @description When SimFill last read the rate from the provider. */
        as_of: string;
        base: string;
        quote: string;
        /** @description Units of quote currency per one unit of base, a decimal string. */
        rate: string;
      } | null;
      /** @example ord_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      /** @description What the order is for, in your language (Accept-Language or your account’s language). */
      item_name: string | null;
      method: string;
      /** @constant */
      object: 'order';
      paid_at: string | null;
      /** @description Every payment attempt, oldest first; the last one is the current one. */
      payments: components['schemas']['PaymentInput'][];
      /** @description `wallet_credit` (a wallet top-up), `line_topup`, `esim` (a new eSIM) or `esim_topup` (data on one). */
      product: string;
      quote: string;
      receipt_number: string | null;
      /** @description The number a line top-up goes to (E.164); null for a wallet top-up. */
      recipient: string | null;
      /** @description The recipient with its country code, spaced for reading: `+1 646 217 4510`. */
      recipient_display: string | null;
      refunded: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @enum {string} */
      status:
        | 'awaiting_payment'
        | 'paid'
        | 'fulfilling'
        | 'fulfilled'
        | 'failed'
        | 'refunding'
        | 'refunded'
        | 'expired'
        | 'cancelled';
      timeline: {
        /** @description ISO 8601, UTC. */
        at: string;
        cause: string;
        from:
          | (
              | 'awaiting_payment'
              | 'paid'
              | 'fulfilling'
              | 'fulfilled'
              | 'failed'
              | 'refunding'
              | 'refunded'
              | 'expired'
              | 'cancelled'
            )
          | null;
        /** @enum {string} */
        to:
          | 'awaiting_payment'
          | 'paid'
          | 'fulfilling'
          | 'fulfilled'
          | 'failed'
          | 'refunding'
          | 'refunded'
          | 'expired'
          | 'cancelled';
      }[];
      total: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
    };
    Payment: {
      amount: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @description ISO 8601, UTC. */
      created_at: string;
      /** @description Why the attempt failed; start a new payment to try again. */
      failure: {
        code: string;
        decline_code: string | null;
      } | null;
      /** @example pay_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      method: string;
      next_action: components['schemas']['PaymentNextAction'] | null;
      /** @constant */
      object: 'payment';
      order: string;
      /** @description Display data only: SimFill never sees card numbers. */
      payment_method: {
        brand: string | null;
        kind: string;
        last4: string | null;
        payer_email: string | null;
        wallet: string | null;
      } | null;
      /** @enum {string} */
      provider: 'stripe' | 'paypal' | 'wallet';
      refunded: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @enum {string} */
      status: 'creating' | 'requires_action' | 'processing' | 'succeeded' | 'failed' | 'canceled';
      succeeded_at: string | null;
    };
    PaymentInput: {
      amount: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @description ISO 8601, UTC. */
      created_at: string;
      /** @description Why the attempt failed; start a new payment to try again. */
      failure: {
        code: string;
        decline_code: string | null;
      } | null;
      /** @example pay_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      method: string;
      next_action: components['schemas']['PaymentNextActionInput'] | null;
      /** @constant */
      object: 'payment';
      order: string;
      /** @description Display data only: SimFill never sees card numbers. */
      payment_method: {
        brand: string | null;
        kind: string;
        last4: string | null;
        payer_email: string | null;
        wallet: string | null;
      } | null;
      /** @enum {string} */
      provider: 'stripe' | 'paypal' | 'wallet';
      refunded: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @enum {string} */
      status: 'creating' | 'requires_action' | 'processing' | 'succeeded' | 'failed' | 'canceled';
      succeeded_at: string | null;
    };
    PaymentNextAction:
      | {
          /** @constant */
          type: 'redirect';
          url: string;
        }
      | {
          /** @description What the QR code encodes (scan it with WeChat). */
          data: string;
          hosted_instructions_url: string | null;
          image_url_png: string;
          image_url_svg: string | null;
          /** @constant */
          type: 'display_qr';
        };
    PaymentNextActionInput:
      | {
          /** @constant */
          type: 'redirect';
          url: string;
        }
      | {
          /** @description What the QR code encodes (scan it with WeChat). */
          data: string;
          hosted_instructions_url: string | null;
          image_url_png: string;
          image_url_svg: string | null;
          /** @constant */
          type: 'display_qr';
        };
    Plan: {
      carrier: {
        id: string;
        name: string;
        slug: string;
      } | null;
      /** @enum {string} */
      category: 'carrier_plan' | 'travel_esim';
      coverage: {
        /** @description ISO 3166-1 alpha-2 codes. */
        countries: string[];
        /** @example north_america */
        region: string;
      };
      /** @description ISO 8601, UTC. */
      created: string;
      data: {
        /** @description High-speed data included, in MiB (1 GB = 1024). */
        quota_mb: number;
        /** @description null: data stops at the quota. */
        speed_after_quota_kbps: number | null;
        /** @description Data keeps flowing after the quota, at the reduced speed. */
        unlimited: boolean;
      };
      description: string;
      /** @description True when the plan has an eSIM source: a new eSIM of it can be bought here. */
      esim_purchasable: boolean;
      /** @example plan_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      /** @description In the request's language (Content-Language). */
      name: string;
      /** @constant */
      object: 'plan';
      /** @description What you pay before the payment method's fee (GET /v1/method-fees): for a plan sold through a line, the lowest price of its offers (face amount + markup), the same figure as the line's offer and the quote's subtotal; otherwise the catalog's list price. */
      price: {
        /**
         * @description In the currency minor unit (cents).
         * @example 3090
         */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /**
       * @description `esim`: bought as a new eSIM (POST /v1/quotes with `{type: esim, plan}`); `line`: bought as a renewal or data pack for one of your lines on its carrier (GET /v1/offers?line=…, the offer whose `plan` is this id); `esim_coming_soon`: a travel eSIM no eSIM source sells yet; `not_sold`: no product sells it right now.
       * @enum {string}
       */
      purchase: 'esim' | 'line' | 'esim_coming_soon' | 'not_sold';
      /** @description Devices that may share the data (hotspot). */
      shareable_devices: number;
      sim_types: ('psim' | 'esim')[];
      slug: string;
      sms: {
        count: number | null;
        included: boolean;
        unlimited: boolean;
      };
      validity: {
        days: number;
        /** @enum {string} */
        period: 'daily' | '7_days' | '30_days' | 'monthly' | 'quarterly';
      };
      voice: {
        included: boolean;
        minutes: number | null;
        unlimited: boolean;
      };
    };
    PlanInput: {
      carrier: {
        id: string;
        name: string;
        slug: string;
      } | null;
      /** @enum {string} */
      category: 'carrier_plan' | 'travel_esim';
      coverage: {
        /** @description ISO 3166-1 alpha-2 codes. */
        countries: string[];
        /** @example north_america */
        region: string;
      };
      /** @description ISO 8601, UTC. */
      created: string;
      data: {
        /** @description High-speed data included, in MiB (1 GB = 1024). */
        quota_mb: number;
        /** @description null: data stops at the quota. */
        speed_after_quota_kbps: number | null;
        /** @description Data keeps flowing after the quota, at the reduced speed. */
        unlimited: boolean;
      };
      description: string;
      /** @description True when the plan has an eSIM source: a new eSIM of it can be bought here. */
      esim_purchasable: boolean;
      /** @example plan_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      /** @description In the request's language (Content-Language). */
      name: string;
      /** @constant */
      object: 'plan';
      /** @description What you pay before the payment method's fee (GET /v1/method-fees): for a plan sold through a line, the lowest price of its offers (face amount + markup), the same figure as the line's offer and the quote's subtotal; otherwise the catalog's list price. */
      price: {
        /**
         * @description In the currency minor unit (cents).
         * @example 3090
         */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /**
       * @description `esim`: bought as a new eSIM (POST /v1/quotes with `{type: esim, plan}`); `line`: bought as a renewal or data pack for one of your lines on its carrier (GET /v1/offers?line=…, the offer whose `plan` is this id); `esim_coming_soon`: a travel eSIM no eSIM source sells yet; `not_sold`: no product sells it right now.
       * @enum {string}
       */
      purchase: 'esim' | 'line' | 'esim_coming_soon' | 'not_sold';
      /** @description Devices that may share the data (hotspot). */
      shareable_devices: number;
      sim_types: ('psim' | 'esim')[];
      slug: string;
      sms: {
        count: number | null;
        included: boolean;
        unlimited: boolean;
      };
      validity: {
        days: number;
        /** @enum {string} */
        period: 'daily' | '7_days' | '30_days' | 'monthly' | 'quarterly';
      };
      voice: {
        included: boolean;
        minutes: number | null;
        unlimited: boolean;
      };
    };
    Quote: {
      /** @description What the payment provider charges: the USD total, or CNY at the locked rate. */
      charge: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @description ISO 8601, UTC. */
      created_at: string;
      discount: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @description CNY equivalent of a USD charge: an estimate, the bank may use another rate. */
      estimate: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      expired: boolean;
      /** @description ISO 8601, UTC. */
      expires_at: string;
      fee: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @description The method fee removed by the first top-up waiver, when it applied. */
      fee_waived: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      fx: {
        /** @description ISO 8601, UTC. */
        as_of: string;
        base: string;
        /** @description True: the charge is in CNY at this rate until expires_at. */
        locked: boolean;
        quote: string;
        /** @description Units of quote currency per one unit of base, a decimal string. */
        rate: string;
        /** @enum {string} */
        source: 'feed' | 'operator';
      } | null;
      /** @example quo_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      items: {
        amount: {
          /** @description Integer count of the minor unit (cents, fen). */
          amount_minor: number;
          /** @example USD */
          currency: string;
        };
        /** @description How long delivery usually takes after payment; 0 = instant. */
        eta_minutes: number | null;
        /** @description A line top-up’s face value: what the line receives, in the offer’s currency (¥50.00 for China Mobile). `amount` is its price in USD. */
        face: {
          /** @description Integer count of the minor unit (cents, fen). */
          amount_minor: number;
          /** @example USD */
          currency: string;
        } | null;
        /** @description A face in another currency than USD: the provider’s rate its price was made from (face ÷ rate, rounded half to even to the cent, then the operator’s markup). */
        face_fx: {
          /** @description When SimFill last read the rate from the provider. */
          as_of: string;
          base: string;
          quote: string;
          /** @description Units of quote currency per one unit of base, a decimal string. */
          rate: string;
        } | null;
        /** @description What the item is, in your language: “钱包充值”, “T-Mobile 话费充值 US$25.00 · +1 646-217-4512”. */
        name: string | null;
        /** @description The number a line top-up goes to (E.164). */
        recipient: string | null;
        /** @enum {string} */
        type: 'wallet_credit' | 'line_topup' | 'esim' | 'esim_topup';
      }[];
      /** @enum {string} */
      method: 'card' | 'apple_pay' | 'alipay' | 'wechat_pay' | 'paypal' | 'wallet';
      /** @constant */
      object: 'quote';
      /** @constant */
      rounding: 'half_even';
      subtotal: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      tax: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @description What the order costs, in USD. */
      total: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
    };
    QuoteInput: {
      /** @description What the payment provider charges: the USD total, or CNY at the locked rate. */
      charge: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @description ISO 8601, UTC. */
      created_at: string;
      discount: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @description CNY equivalent of a USD charge: an estimate, the bank may use another rate. */
      estimate: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      expired: boolean;
      /** @description ISO 8601, UTC. */
      expires_at: string;
      fee: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @description The method fee removed by the first top-up waiver, when it applied. */
      fee_waived: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      fx: {
        /** @description ISO 8601, UTC. */
        as_of: string;
        base: string;
        /** @description True: the charge is in CNY at this rate until expires_at. */
        locked: boolean;
        quote: string;
        /** @description Units of quote currency per one unit of base, a decimal string. */
        rate: string;
        /** @enum {string} */
        source: 'feed' | 'operator';
      } | null;
      /** @example quo_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      items: {
        amount: {
          /** @description Integer count of the minor unit (cents, fen). */
          amount_minor: number;
          /** @example USD */
          currency: string;
        };
        /** @description How long delivery usually takes after payment; 0 = instant. */
        eta_minutes: number | null;
        /** @description A line top-up’s face value: what the line receives, in the offer’s currency (¥50.00 for China Mobile). `amount` is its price in USD. */
        face: {
          /** @description Integer count of the minor unit (cents, fen). */
          amount_minor: number;
          /** @example USD */
          currency: string;
        } | null;
        /** @description A face in another currency than USD: the provider’s rate its price was made from (face ÷ rate, rounded half to even to the cent, then the operator’s markup). */
        face_fx: {
          /** @description When SimFill last read the rate from the provider. */
          as_of: string;
          base: string;
          quote: string;
          /** @description Units of quote currency per one unit of base, a decimal string. */
          rate: string;
        } | null;
        /** @description What the item is, in your language: “钱包充值”, “T-Mobile 话费充值 US$25.00 · +1 646-217-4512”. */
        name: string | null;
        /** @description The number a line top-up goes to (E.164). */
        recipient: string | null;
        /** @enum {string} */
        type: 'wallet_credit' | 'line_topup' | 'esim' | 'esim_topup';
      }[];
      /** @enum {string} */
      method: 'card' | 'apple_pay' | 'alipay' | 'wechat_pay' | 'paypal' | 'wallet';
      /** @constant */
      object: 'quote';
      /** @constant */
      rounding: 'half_even';
      subtotal: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      tax: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @description What the order costs, in USD. */
      total: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
    };
    Receipt: {
      charged: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      customer: {
        email: string;
        name: string | null;
      };
      discount: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      fee: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      fee_waived: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      fx: {
        /** @description ISO 8601, UTC. */
        as_of: string;
        locked: boolean;
        rate: string;
        source: string;
      } | null;
      /** @description ISO 8601, UTC. */
      issued_at: string;
      items: {
        amount: {
          /** @description Integer count of the minor unit (cents, fen). */
          amount_minor: number;
          /** @example USD */
          currency: string;
        };
        /** @description What the item is, in the customer’s language (read/product-names.ts). */
        name: string | null;
        type: string;
      }[];
      /** @description A line top-up’s delivery. It has no line balance: carriers do not report it through the airtime provider (the balance Reloadly returns is SimFill’s own account there). */
      line_topup: {
        delivered_at: string | null;
        /** @enum {string} */
        delivery_status: 'queued' | 'sending' | 'processing' | 'succeeded' | 'failed';
        /** @description What the line receives, in the offer’s currency (¥50.00 for China Mobile). */
        face: {
          /** @description Integer count of the minor unit (cents, fen). */
          amount_minor: number;
          /** @example USD */
          currency: string;
        } | null;
        /** @description A face in another currency than USD: the provider’s rate its price was made from. */
        face_fx: {
          /** @description When SimFill last read the rate from the provider. */
          as_of: string;
          base: string;
          quote: string;
          /** @description Units of quote currency per one unit of base, a decimal string. */
          rate: string;
        } | null;
        /** @description A refill card’s code: shown whole only here and in the confirmation email. */
        pin: {
          code: string;
          instructions: string[];
          serial: string | null;
          validity: string | null;
        } | null;
        plan_expires_at: string | null;
        recipient: string;
      } | null;
      /** @constant */
      object: 'receipt';
      operator: {
        address: string;
        email: string;
        name: string;
      };
      order: string;
      payment: components['schemas']['Payment'];
      receipt_number: string;
      refunds: components['schemas']['Refund'][];
      status: string;
      subtotal: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      tax: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @description The customer’s time zone: show times in it. */
      time_zone: string;
      total: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
    };
    ReceiptInput: {
      charged: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      customer: {
        email: string;
        name: string | null;
      };
      discount: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      fee: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      fee_waived: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      fx: {
        /** @description ISO 8601, UTC. */
        as_of: string;
        locked: boolean;
        rate: string;
        source: string;
      } | null;
      /** @description ISO 8601, UTC. */
      issued_at: string;
      items: {
        amount: {
          /** @description Integer count of the minor unit (cents, fen). */
          amount_minor: number;
          /** @example USD */
          currency: string;
        };
        /** @description What the item is, in the customer’s language (read/product-names.ts). */
        name: string | null;
        type: string;
      }[];
      /** @description A line top-up’s delivery. It has no line balance: carriers do not report it through the airtime provider (the balance Reloadly returns is SimFill’s own account there). */
      line_topup: {
        delivered_at: string | null;
        /** @enum {string} */
        delivery_status: 'queued' | 'sending' | 'processing' | 'succeeded' | 'failed';
        /** @description What the line receives, in the offer’s currency (¥50.00 for China Mobile). */
        face: {
          /** @description Integer count of the minor unit (cents, fen). */
          amount_minor: number;
          /** @example USD */
          currency: string;
        } | null;
        /** @description A face in another currency than USD: the provider’s rate its price was made from. */
        face_fx: {
          /** @description When SimFill last read the rate from the provider. */
          as_of: string;
          base: string;
          quote: string;
          /** @description Units of quote currency per one unit of base, a decimal string. */
          rate: string;
        } | null;
        /** @description A refill card’s code: shown whole only here and in the confirmation email. */
        pin: {
          code: string;
          instructions: string[];
          serial: string | null;
          validity: string | null;
        } | null;
        plan_expires_at: string | null;
        recipient: string;
      } | null;
      /** @constant */
      object: 'receipt';
      operator: {
        address: string;
        email: string;
        name: string;
      };
      order: string;
      payment: components['schemas']['PaymentInput'];
      receipt_number: string;
      refunds: components['schemas']['RefundInput'][];
      status: string;
      subtotal: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      tax: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @description The customer’s time zone: show times in it. */
      time_zone: string;
      total: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
    };
    Reconciliation: {
      date: string;
      failure: string | null;
      finished_at: string | null;
      id: string;
      matched: number;
      mismatches: number;
      /** @constant */
      object: 'reconciliation';
      /** @description Pages of the provider’s report read so far (while running). */
      progress: {
        pages_read: number;
        pages_total: number | null;
      };
      provider: string;
      provider_transactions: number;
      simfill_deliveries: number;
      /** @description ISO 8601, UTC. */
      started_at: string;
      started_by: string;
      /** @enum {string} */
      status: 'running' | 'done' | 'failed';
    };
    ReconciliationInput: {
      date: string;
      failure: string | null;
      finished_at: string | null;
      id: string;
      matched: number;
      mismatches: number;
      /** @constant */
      object: 'reconciliation';
      /** @description Pages of the provider’s report read so far (while running). */
      progress: {
        pages_read: number;
        pages_total: number | null;
      };
      provider: string;
      provider_transactions: number;
      simfill_deliveries: number;
      /** @description ISO 8601, UTC. */
      started_at: string;
      started_by: string;
      /** @enum {string} */
      status: 'running' | 'done' | 'failed';
    };
    RefillPin: {
      /** @description The carrier’s own instructions, as the provider gave them (usually English). */
      carrier_note: string[];
      code: string;
      /** @constant */
      object: 'refill_pin';
      order: string;
      /** @description What was bought, in your language. */
      product: string;
      receipt_number: string | null;
      /** @description The number the PIN was bought for (E.164). */
      recipient: string;
      serial: string | null;
      /** @description How to redeem it with this carrier, in your language. */
      steps: string[];
      /** @description How long the PIN can be redeemed, as the carrier says. */
      validity: string | null;
    };
    RefillPinInput: {
      /** @description The carrier’s own instructions, as the provider gave them (usually English). */
      carrier_note: string[];
      code: string;
      /** @constant */
      object: 'refill_pin';
      order: string;
      /** @description What was bought, in your language. */
      product: string;
      receipt_number: string | null;
      /** @description The number the PIN was bought for (E.164). */
      recipient: string;
      serial: string | null;
      /** @description How to redeem it with this carrier, in your language. */
      steps: string[];
      /** @description How long the PIN can be redeemed, as the carrier says. */
      validity: string | null;
    };
    Refund: {
      amount: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @description ISO 8601, UTC. */
      created_at: string;
      id: string;
      /** @constant */
      object: 'refund';
      order: string;
      payment: string;
      reason: string;
      requested_by: string;
      /** @enum {string} */
      status: 'pending' | 'succeeded' | 'failed';
    };
    RefundInput: {
      amount: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      };
      /** @description ISO 8601, UTC. */
      created_at: string;
      id: string;
      /** @constant */
      object: 'refund';
      order: string;
      payment: string;
      reason: string;
      requested_by: string;
      /** @enum {string} */
      status: 'pending' | 'succeeded' | 'failed';
    };
    /** @description A card saved at the provider; SimFill holds only its id. */
    SavedPaymentMethod: {
      brand: string | null;
      /** @example pm_1Q2w3E4r5T6y7U8i */
      id: string;
      last4: string | null;
      /** @constant */
      object: 'payment_method';
      wallet: string | null;
    };
    /** @description A card saved at the provider; SimFill holds only its id. */
    SavedPaymentMethodInput: {
      brand: string | null;
      /** @example pm_1Q2w3E4r5T6y7U8i */
      id: string;
      last4: string | null;
      /** @constant */
      object: 'payment_method';
      wallet: string | null;
    };
    Session: {
      /** @description ISO 8601, UTC. */
      created: string;
      /** @description Send it as X-CSRF-Token on every POST/PATCH/DELETE. */
      csrf_token: string;
      customer: components['schemas']['Customer'];
      /** @description ISO 8601, UTC. */
      expires_at: string;
      id: string;
      /** @description ISO 8601, UTC. */
      idle_expires_at: string;
      /** @constant */
      object: 'session';
    };
    SessionInput: {
      /** @description ISO 8601, UTC. */
      created: string;
      /** @description Send it as X-CSRF-Token on every POST/PATCH/DELETE. */
      csrf_token: string;
      customer: components['schemas']['CustomerInput'];
      /** @description ISO 8601, UTC. */
      expires_at: string;
      id: string;
      /** @description ISO 8601, UTC. */
      idle_expires_at: string;
      /** @constant */
      object: 'session';
    };
    SessionSummary: {
      /** @description ISO 8601, UTC. */
      created: string;
      current: boolean;
      /** @description ISO 8601, UTC. */
      expires_at: string;
      id: string;
      ip: string | null;
      /** @description ISO 8601, UTC. */
      last_active: string;
      /** @constant */
      object: 'session_summary';
      user_agent: string | null;
    };
    SessionSummaryInput: {
      /** @description ISO 8601, UTC. */
      created: string;
      current: boolean;
      /** @description ISO 8601, UTC. */
      expires_at: string;
      id: string;
      ip: string | null;
      /** @description ISO 8601, UTC. */
      last_active: string;
      /** @constant */
      object: 'session_summary';
      user_agent: string | null;
    };
    Staff: {
      /** @description ISO 8601, UTC. */
      created: string;
      email: string;
      /** @example stf_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      last_login: string | null;
      /** @description The console language this person chose; null until they choose one. */
      locale: ('zh-CN' | 'en') | null;
      /** @constant */
      object: 'staff';
      /** @enum {string} */
      role: 'owner' | 'admin' | 'support' | 'finance';
      /** @enum {string} */
      status: 'active' | 'disabled';
      totp_enabled: boolean;
    };
    StaffInput: {
      /** @description ISO 8601, UTC. */
      created: string;
      email: string;
      /** @example stf_01jz8x4e5qf0m8g4v3k2y1t9bc */
      id: string;
      last_login: string | null;
      /** @description The console language this person chose; null until they choose one. */
      locale: ('zh-CN' | 'en') | null;
      /** @constant */
      object: 'staff';
      /** @enum {string} */
      role: 'owner' | 'admin' | 'support' | 'finance';
      /** @enum {string} */
      status: 'active' | 'disabled';
      totp_enabled: boolean;
    };
    StaffSession: {
      /** @description ISO 8601, UTC. */
      created: string;
      csrf_token: string;
      /** @description ISO 8601, UTC. */
      expires_at: string;
      id: string;
      /** @description ISO 8601, UTC. */
      idle_expires_at: string;
      /** @enum {string} */
      mfa: 'not_enrolled' | 'pending' | 'verified';
      mfa_required: boolean;
      /** @constant */
      object: 'staff_session';
      staff: {
        /** @description ISO 8601, UTC. */
        created: string;
        email: string;
        /** @example stf_01jz8x4e5qf0m8g4v3k2y1t9bc */
        id: string;
        last_login: string | null;
        /** @description The console language this person chose; null until they choose one. */
        locale: ('zh-CN' | 'en') | null;
        /** @constant */
        object: 'staff';
        permissions: string[];
        /** @enum {string} */
        role: 'owner' | 'admin' | 'support' | 'finance';
        /** @enum {string} */
        status: 'active' | 'disabled';
        totp_enabled: boolean;
      };
    };
    StaffSessionInput: {
      /** @description ISO 8601, UTC. */
      created: string;
      csrf_token: string;
      /** @description ISO 8601, UTC. */
      expires_at: string;
      id: string;
      /** @description ISO 8601, UTC. */
      idle_expires_at: string;
      /** @enum {string} */
      mfa: 'not_enrolled' | 'pending' | 'verified';
      mfa_required: boolean;
      /** @constant */
      object: 'staff_session';
      staff: {
        /** @description ISO 8601, UTC. */
        created: string;
        email: string;
        /** @example stf_01jz8x4e5qf0m8g4v3k2y1t9bc */
        id: string;
        last_login: string | null;
        /** @description The console language this person chose; null until they choose one. */
        locale: ('zh-CN' | 'en') | null;
        /** @constant */
        object: 'staff';
        permissions: string[];
        /** @enum {string} */
        role: 'owner' | 'admin' | 'support' | 'finance';
        /** @enum {string} */
        status: 'active' | 'disabled';
        totp_enabled: boolean;
      };
    };
    TopUpProduct: {
      active: boolean;
      eta_minutes: number;
      face: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      id: string;
      kind: string;
      listed: boolean;
      markup_bps: number;
      name: string;
      /** @constant */
      object: 'topup_product';
      operator: {
        active: boolean;
        country: string;
        id: string;
        name: string;
      };
      provider_description: string | null;
      /** @description ISO 8601, UTC. */
      synced_at: string;
    };
    TopUpProductInput: {
      active: boolean;
      eta_minutes: number;
      face: {
        /** @description Integer count of the minor unit (cents, fen). */
        amount_minor: number;
        /** @example USD */
        currency: string;
      } | null;
      id: string;
      kind: string;
      listed: boolean;
      markup_bps: number;
      name: string;
      /** @constant */
      object: 'topup_product';
      operator: {
        active: boolean;
        country: string;
        id: string;
        name: string;
      };
      provider_description: string | null;
      /** @description ISO 8601, UTC. */
      synced_at: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
