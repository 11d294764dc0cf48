// Reading docker's error text about registries: which failures another attempt may get past (the
// registry or the network hiccuped) and which it will not (wrong credentials, no access, an image or
// registry that does not exist). Shared by build-push (push, login on the runner) and deploy-ssh /
// rollback (login and pull on the server).

const TRANSIENT = [
  /connection refused/i,
  /connection reset/i,
  /broken pipe/i,
  /unexpected EOF/i,
  /: EOF\b/,
  /i\/o timeout/i,
  /TLS handshake timeout/i,
  /context deadline exceeded/i,
  /Client\.Timeout exceeded/i,
  /timeout awaiting response headers/i,
  /temporary failure in name resolution/i,
  /server misbehaving/i,
  /network is unreachable/i,
  /no route to host/i,
  /\b50[0-4]\b/,
  /Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout/i,
  /\b429\b|toomanyrequests|too many requests/i,
];

const AUTH = [
  /\b401\b/,
  /unauthorized/i,
  /incorrect username or password/i,
  /no basic auth credentials/i,
  /authentication required/i,
];

const DENIED = [/\b403\b/, /denied/i, /forbidden/i];

/** The image, the tag or the registry does not exist, or the reference is malformed. */
const MISSING = [/manifest unknown/i, /not found/i, /invalid reference format/i, /no such host/i];

export function isAuthFailure(error: string): boolean {
  return AUTH.some((re) => re.test(error));
}

export function isDenied(error: string): boolean {
  return DENIED.some((re) => re.test(error));
}

function isMissing(error: string): boolean {
  return MISSING.some((re) => re.test(error));
}

/** A registry or network failure another attempt may get past: never auth, denial or a missing image. */
export function isTransientRegistryError(error: string): boolean {
  if (isAuthFailure(error) || isDenied(error) || isMissing(error)) return false;
  return TRANSIENT.some((re) => re.test(error));
}
