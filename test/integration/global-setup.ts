import type { TestProject } from "vitest/node";
import { provisionTestDatabase } from "../support/test-db";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await provisionTestDatabase("int");
  project.provide("databaseUrl", database.url);
  return () => database.teardown();
}
