/**
 * A small path router for the simulators: patterns like `/v1/payment_intents/:id/confirm`, matched segment by
 * segment (empty segments, so trailing slashes, are ignored), `:name` segments captured and URL-decoded.
 * Generic over the handler so each simulator keeps its own handler signature.
 */

export type RouteParams = Record<string, string>;

interface Route<Handler> {
  method: string;
  segments: string[];
  handler: Handler;
}

export interface RouteMatch<Handler> {
  handler: Handler;
  params: RouteParams;
}

const segmentsOf = (path: string) => path.split('/').filter(Boolean);

export class Router<Handler> {
  private readonly routes: Route<Handler>[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: segmentsOf(pattern), handler });
    return this;
  }

  get(pattern: string, handler: Handler): this {
    return this.add('GET', pattern, handler);
  }

  post(pattern: string, handler: Handler): this {
    return this.add('POST', pattern, handler);
  }

  /** The first route added that matches, or undefined (the simulator answers its provider's 404). */
  match(method: string, path: string): RouteMatch<Handler> | undefined {
    const given = segmentsOf(path);
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== given.length) continue;
      const params = matchSegments(route.segments, given);
      if (params) return { handler: route.handler, params };
    }
    return undefined;
  }
}

function matchSegments(pattern: string[], given: string[]): RouteParams | undefined {
  const params: RouteParams = {};
  for (const [index, segment] of pattern.entries()) {
    const value = given[index]!;
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(value);
      } catch {
        return undefined;
      }
    } else if (segment !== value) {
      return undefined;
    }
  }
  return params;
}
