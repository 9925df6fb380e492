import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth-options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options are built on first request, not at import, so `next build` needs no runtime secrets.
async function handler(req: Request, ctx: Ctx) {
  return NextAuth(req as never, { params: await ctx.params } as never, authOptions());
}

export { handler as GET, handler as POST };
