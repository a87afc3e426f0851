/** Which push endpoints we accept and send to: the server makes requests to them, so they must not reach inside. */

/** Loopback hosts: a browser treats http:// on them as secure, and tests run their push receiver there. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** An IP address written as the host: real push services are always named. */
function isIpLiteral(hostname: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(hostname) || hostname.startsWith('[');
}

function parse(endpoint: string): URL | undefined {
  try {
    return new URL(endpoint);
  } catch {
    return undefined;
  }
}

/** What a browser may register: an https URL, or any URL on a loopback host (the browser's own secure-context rule). */
export function isRegistrableEndpoint(endpoint: string): boolean {
  const url = parse(endpoint);
  if (url === undefined || url.username !== '' || url.password !== '') {
    return false;
  }
  if (isLoopbackHost(url.hostname)) {
    return url.protocol === 'http:' || url.protocol === 'https:';
  }
  return url.protocol === 'https:';
}

/**
 * Whether the server may send to this endpoint: a named https host (on the allow-list when there is one), or a
 * loopback host when that is allowed (tests).
 */
export function maySendTo(endpoint: string, options: { hosts: readonly string[]; allowLoopback: boolean }): boolean {
  const url = parse(endpoint);
  if (url === undefined || !isRegistrableEndpoint(endpoint)) {
    return false;
  }
  const host = url.hostname.toLowerCase();
  if (isLoopbackHost(host)) {
    return options.allowLoopback;
  }
  if (isIpLiteral(host) || !host.includes('.')) {
    return false;
  }
  return (
    options.hosts.length === 0 || options.hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`))
  );
}
