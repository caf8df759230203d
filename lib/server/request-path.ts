// The path and query a page was asked for, as proxy.ts records it on the request (Next.js
// gives server components no URL). Used to send someone back after logging in.
export const REQUEST_PATH_HEADER = "x-windsock-request-path";
