// next-auth (Auth.js v5) wiring: the Credentials provider with JWT sessions. The JWT
// holds only the Session row id (`sid`); currentSession() checks that row on every
// request, so a JWT stays valid only as long as its row does (docs/decisions/0004-sessions.md).
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "../env";
import { logIn } from "../services/accounts/log-in";
import { requestContextFromHeaders } from "../request-context";
import { SESSION_MAX_AGE_SECONDS } from "./sessions";

/**
 * A refused login. `code` reaches the login form: "invalid", or "rate_limited:<seconds>".
 * It never says whether the email has an account.
 */
export class LoginRefused extends CredentialsSignin {
  constructor(code: string) {
    super(code);
    this.code = code;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const config = env();
  return {
    secret: config.AUTH_SECRET,
    trustHost: config.AUTH_TRUST_HOST,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const result = await logIn(
            { email: String(credentials?.email ?? ""), password: String(credentials?.password ?? "") },
            requestContextFromHeaders(request.headers),
          );
          if (!result.ok) throw new LoginRefused(result.reason === "rate_limited" ? `rate_limited:${result.retryAfterSeconds}` : "invalid");
          return { id: result.user.id, email: result.user.email, name: result.user.name, sessionId: result.sessionId };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        // Only at sign-in does `user` exist; afterwards the token keeps its sid.
        if (user) token.sid = (user as { sessionId?: string }).sessionId;
        return token;
      },
      session({ session, token }) {
        return { ...session, sessionId: typeof token.sid === "string" ? token.sid : undefined };
      },
    },
    logger: {
      // A refused login is an expected outcome, audited by logIn; a cookie that no longer
      // decrypts (old AUTH_SECRET, expired) just means "not signed in". Neither is a server error.
      error(error: Error) {
        const type = (error as { type?: string }).type;
        if (error instanceof CredentialsSignin || type === "CredentialsSignin" || type === "JWTSessionError") return;
        console.error("[auth]", error);
      },
      warn() {},
    },
  };
});
