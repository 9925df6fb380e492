import { createPrismaClient } from "../db-client";
import { generatePassword, hashPassword } from "../security/password";
import { StartupError } from "./embedded-postgres";

interface SeedOptions {
  databaseUrl: string;
  production: boolean;
  log: (line: string) => void;
}

/**
 * Creates the first admin when no user exists: from ADMIN_EMAIL/ADMIN_PASSWORD, or in development with a
 * generated password that is printed once (and must be changed at first sign-in).
 */
export async function seedFirstAdmin({ databaseUrl, production, log }: SeedOptions): Promise<void> {
  const db = createPrismaClient(databaseUrl, { max: 1 });
  try {
    if ((await db.user.count()) > 0) return;
    const email = (process.env.ADMIN_EMAIL ?? "").trim().toLowerCase();
    const given = process.env.ADMIN_PASSWORD ?? "";
    if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) throw new StartupError(`ADMIN_EMAIL "${email}" is not an email address.`);
    if (given && given.length < 12) throw new StartupError("ADMIN_PASSWORD must be at least 12 characters.");
    if (production && (!email || !given)) {
      throw new StartupError("No user exists yet: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin.");
    }
    const password = given || generatePassword();
    const adminEmail = email || "admin@localhost";
    await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: adminEmail, name: "Administrator", role: "admin", passwordHash: await hashPassword(password), mustChangePassword: !given },
      });
      await tx.auditEvent.create({
        data: {
          actorEmail: "system",
          action: "user.create",
          targetType: "user",
          targetId: user.id,
          targetName: user.email,
          after: { email: user.email, role: "admin", source: given ? "ADMIN_EMAIL/ADMIN_PASSWORD" : "generated" },
        },
      });
    });
    if (given) log(`Created the first admin ${adminEmail} from ADMIN_EMAIL/ADMIN_PASSWORD.`);
    else {
      log("");
      log("  ┌──────────────────────────────────────────────────────────────────");
      log(`  │ First admin created — sign in as ${adminEmail}`);
      log(`  │ with the one-time password ${password}`);
      log("  │ It is shown only now; you will choose your own at first sign-in.");
      log("  └──────────────────────────────────────────────────────────────────");
      log("");
    }
  } finally {
    await db.$disconnect();
  }
}
