/**
 * Nothing reaches the network. Every page we open intercepts its requests (the fixture is served at its real
 * Korea Herald URL, every other http(s) request is aborted, extension-internal URLs go through); anything that
 * escapes page interception goes to a local recording proxy that refuses it. Every request is recorded and
 * classified; `violations()` is what remains.
 */
import { createServer } from 'node:http';
import type { BrowserName } from './browsers';

export type RequestClass = 'fixture' | 'fixture-resource' | 'extension' | 'local' | 'browser' | 'violation';

export interface RecordedRequest {
  url: string;
  method: string;
  from: string;
  type: string;
  kind: RequestClass;
  action: 'served' | 'aborted' | 'continued' | 'refused' | 'observed';
}

export interface Route {
  body: string;
  headers?: Record<string, string>;
  contentType?: string;
  status?: number;
}

/**
 * The browsers' own background services (updates, sign-in, Remote Settings, puppeteer's dummy.test endpoints).
 * Their traffic is recorded as `browser`, not as a violation: it would happen without the extension.
 */
const BROWSER_SERVICE_HOSTS: Record<BrowserName, RegExp[]> = {
  chromium: [/(^|\.)google\.com$/, /(^|\.)googleapis\.com$/, /(^|\.)gstatic\.com$/, /(^|\.)gvt1\.com$/],
  firefox: [/(^|\.)mozilla\.(com|org|net)$/, /(^|\.)firefox\.com$/, /(^|\.)mozaws\.net$/, /^dummy\.test$/],
};

/**
 * Every URL a fixture's markup would make the browser load: src/srcset/poster/data attributes, <link href> (not
 * <a href>), and CSS url(...), resolved against the page's URL.
 */
export function referencedUrls(html: string, pageUrl: string): Set<string> {
  const found = new Set<string>();
  const add = (raw: string) => {
    const value = raw.trim().replace(/&amp;/g, '&');
    if (!value || value.startsWith('#') || /^(data|javascript|about|blob):/i.test(value)) return;
    try {
      const url = new URL(value, pageUrl);
      url.hash = '';
      found.add(url.href);
    } catch {
      // Not a URL: nothing the browser would load.
    }
  };
  for (const m of html.matchAll(/\s(?:src|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) add(m[1] ?? m[2]);
  for (const m of html.matchAll(/\ssrcset\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    for (const candidate of (m[1] ?? m[2]).split(',')) add(candidate.trim().split(/\s+/)[0] ?? '');
  }
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const href = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(m[0]);
    if (href) add(href[1] ?? href[2]);
  }
  for (const m of html.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"]*))\s*\)/gi)) add(m[1] ?? m[2] ?? m[3]);
  return found;
}

/** A local HTTP proxy that records every request reaching it (for https only CONNECT host:443) and refuses it. */
export async function startRecordingProxy(onRequest: (url: string, method: string) => void) {
  const server = createServer((req, res) => {
    onRequest(req.url ?? '', req.method ?? 'GET');
    res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' });
    res.end('blocked by the Backgrounder test harness');
  });
  server.on('connect', (req, socket) => {
    onRequest(`https://${req.url}/`, 'CONNECT');
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  server.on('upgrade', (req, socket) => {
    onRequest(req.url ?? '', 'UPGRADE');
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The requests of one browser session: what is served where, and how each request counts. */
export class RequestLog {
  readonly requests: RecordedRequest[] = [];
  readonly routes = new Map<string, Route>();
  private readonly fixtureResources = new Set<string>();
  /** Hosts of the pages being served and of the resources they reference. */
  private readonly pageHosts = new Set<string>();
  extensionOrigin = '';

  constructor(private readonly browserName: BrowserName) {}

  /** Serves `route` at `url`; what its markup references becomes `fixture-resource`. */
  serve(url: string, route: Route): void {
    this.routes.set(url, route);
    this.pageHosts.add(new URL(url).hostname);
    const references = referencedUrls(route.body, url);
    // Browsers ask every page's origin for /favicon.ico unless the page names an icon.
    references.add(new URL('/favicon.ico', url).href);
    for (const resource of references) {
      if (resource === url) continue;
      this.fixtureResources.add(resource);
      // An https page's http images are upgraded by the browser (mixed content): the same resource.
      if (resource.startsWith('http:')) this.fixtureResources.add(resource.replace(/^http:/, 'https:'));
      this.pageHosts.add(new URL(resource).hostname);
    }
  }

  classify(url: string): RequestClass {
    const bare = url.split('#')[0];
    if (this.routes.has(bare)) return 'fixture';
    if (this.fixtureResources.has(bare)) return 'fixture-resource';
    const origin = this.extensionOrigin;
    if (origin && (bare === origin || bare.startsWith(`${origin}/`))) return 'extension';
    if (/^(data|blob|about):/i.test(bare)) return 'local';
    return 'violation';
  }

  /**
   * What reached the recording proxy escaped every page's interception. The browser's own services and speculative
   * connections (CONNECT) to the hosts the served pages use are the browser's doing; a fixture's own resources keep
   * their class; anything else is a violation.
   */
  private classifyEscaped(url: string, method: string): RequestClass {
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      return 'violation';
    }
    if (BROWSER_SERVICE_HOSTS[this.browserName].some((re) => re.test(host))) return 'browser';
    // A page's own request can escape interception when its tab closes while it is in flight.
    const own = this.classify(url);
    if (method !== 'CONNECT' && (own === 'fixture' || own === 'fixture-resource')) return own;
    if (method === 'CONNECT' && this.pageHosts.has(host)) return 'browser';
    return 'violation';
  }

  record(url: string, method: string, from: string, type: string, action: RecordedRequest['action']): void {
    const kind = from === 'proxy' ? this.classifyEscaped(url, method) : this.classify(url);
    this.requests.push({ url, method, from, type, kind, action });
  }

  violations(): RecordedRequest[] {
    return this.requests.filter((r) => r.kind === 'violation');
  }
}
