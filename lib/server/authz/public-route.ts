// The explicit marker for the few entry points that need no sign-in (landing, auth pages,
// health, next-auth's own routes). It does nothing at run time; the route registry test
// (test/unit/authz/route-registry.test.ts) accepts a public file only when it is on
// PUBLIC_ROUTES in test/support/entry-points.ts too, with the same reason.
export function publicRoute<T>(reason: string, handler: T): T {
  void reason;
  return handler;
}
