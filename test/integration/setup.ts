import { inject } from "vitest";
import { TEST_ENV } from "../support/test-db";

Object.assign(process.env, TEST_ENV, { DATABASE_URL: inject("databaseUrl") });
