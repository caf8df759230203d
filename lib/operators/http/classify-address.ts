// Which IP addresses a task may reach when private networks are not allowed (the hosted
// product): everything that is not a public unicast address is refused, with the reason.
import { isIP } from "node:net";

export type AddressClass =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "cgnat"
  | "unique-local"
  | "cloud-metadata"
  | "unspecified"
  | "multicast"
  | "reserved";

/** Classifies an IPv4 or IPv6 literal; IPv4-mapped/compatible/NAT64/6to4 IPv6 forms are judged by the embedded IPv4. */
export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 4) return classifyV4(parseV4(bare));
  if (family === 6) return classifyV6(parseV6(bare));
  return "reserved";
}

export function isPublicAddress(address: string): boolean {
  return classifyAddress(address) === "public";
}

function parseV4(s: string): number[] {
  return s.split(".").map(Number);
}

function classifyV4([a, b, c, d]: number[]): AddressClass {
  if (a === 169 && b === 254 && c === 169 && d === 254) return "cloud-metadata";
  if (a === 100 && b === 100 && c === 100 && d === 200) return "cloud-metadata"; // Alibaba Cloud
  if (a === 0) return "unspecified";
  if (a === 127) return "loopback";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "private";
  if (a === 169 && b === 254) return "link-local";
  if (a === 100 && b >= 64 && b <= 127) return "cgnat";
  if (a >= 224 && a <= 239) return "multicast";
  if (a >= 240) return "reserved"; // includes 255.255.255.255
  if (a === 192 && b === 0 && c === 0) return "reserved"; // IETF protocol assignments
  if ((a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return "reserved"; // documentation
  if (a === 198 && (b === 18 || b === 19)) return "reserved"; // benchmarking
  if (a === 192 && b === 88 && c === 99) return "reserved"; // 6to4 relay anycast
  return "public";
}

/** Eight 16-bit groups (the input passed isIP, so it is well formed). */
function parseV6(s: string): number[] {
  let text = s.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = text.slice(0, v4.index) + (((a << 8) | b).toString(16) + ":" + ((c << 8) | d).toString(16));
  }
  const parse = (part: string) => (part ? part.split(":").map((x) => parseInt(x, 16)) : []);
  if (!text.includes("::")) return parse(text);
  const [head, tail] = text.split("::");
  const h = parse(head);
  const t = parse(tail);
  return [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
}

function classifyV6(g: number[]): AddressClass {
  const embedded = (hi: number, lo: number) => classifyV4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (g.every((x) => x === 0)) return "unspecified";
  if (zeroUpTo(7) && g[7] === 1) return "loopback";
  if (zeroUpTo(5) && g[5] === 0xffff) return embedded(g[6], g[7]); // ::ffff:a.b.c.d
  if (zeroUpTo(6)) return embedded(g[6], g[7]); // ::a.b.c.d (deprecated compatible form)
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0) return embedded(g[6], g[7]); // NAT64
  if (g[0] === 0x2002) return embedded(g[1], g[2]); // 6to4
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254) return "cloud-metadata"; // AWS IMDS over IPv6
  if ((g[0] & 0xfe00) === 0xfc00) return "unique-local";
  if ((g[0] & 0xffc0) === 0xfe80) return "link-local";
  if ((g[0] & 0xffc0) === 0xfec0) return "private"; // deprecated site-local
  if ((g[0] & 0xff00) === 0xff00) return "multicast";
  if (g[0] === 0x2001 && g[1] === 0x0db8) return "reserved"; // documentation
  if (g[0] === 0x0100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return "reserved"; // discard-only
  if (g[0] === 0x2001 && g[1] < 0x200) return "reserved"; // Teredo and IETF protocol assignments
  return "public";
}

export function describeRefusal(host: string, address: string, cls: AddressClass): string {
  const what: Record<AddressClass, string> = {
    public: "a public address",
    loopback: "a loopback address",
    private: "a private network address",
    "link-local": "a link-local address",
    cgnat: "a carrier-grade NAT address",
    "unique-local": "a unique-local IPv6 address",
    "cloud-metadata": "the cloud metadata service",
    unspecified: "an unspecified address",
    multicast: "a multicast address",
    reserved: "a reserved address",
  };
  const shown = host === address ? address : `${host} (${address})`;
  return `refused to connect to ${shown}: it is ${what[cls]}, and tasks may only reach public addresses here. ` +
    `For a service on your own network, run with private networks allowed (ALLOW_PRIVATE_NETWORK=true, or \`windsock dags test\` without --deny-private-network).`;
}
