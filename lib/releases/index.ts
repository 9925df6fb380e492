/**
 * Everything the console knows about Harbor releases, in one pure, client-safe module: the release table
 * (table.ts), version parsing and comparison, API generations, bundled PostgreSQL, components and patch gates.
 * Adding a release: docs/harbor/adding-a-release.md.
 */
export * from "./version";
export * from "./table";
export * from "./catalog";
export * from "./generations";
export * from "./postgres";
export * from "./components";
export * from "./gates";
