/**
 * The storage driver blocks both importers read: harbor.yml's storage_service and the chart's imageChartStorage hold
 * the same docker-distribution keys (lower-case, one block per driver). Pure.
 */
import type { TTopology } from "../schemas/topology";
import { bool, str, type YMap } from "./harbor-yml-import-read";

type Storage = TTopology["storage"];

/** Where the two sources differ. */
export interface DriverReading {
  /** a key's value, or `fallback` where the source treats the key as unset */
  orDefault: (v: unknown, fallback: string) => string;
  /** the S3 storage class when none is given */
  storageClass: string;
  /** the GCS block: the chart carries the key itself (base64), harbor.yml a key file's path */
  gcs: (b: YMap, gcs: Storage["gcs"]) => Storage["gcs"];
}

/** Fills the block of `s.type` (already chosen) from the driver's keys `b`. */
export function readStorageDriver(s: Storage, b: YMap, how: DriverReading): void {
  const { orDefault } = how;
  if (s.type === "filesystem") s.filesystem.rootDirectory = orDefault(b.rootdirectory, "/storage");
  if (s.type === "s3") {
    s.s3 = {
      ...s.s3,
      region: str(b.region),
      bucket: str(b.bucket),
      accessKey: str(b.accesskey),
      secretKey: str(b.secretkey),
      regionEndpoint: str(b.regionendpoint),
      encrypt: bool(b.encrypt, false),
      secure: bool(b.secure, true),
      v4auth: bool(b.v4auth, true),
      skipVerify: bool(b.skipverify, false),
      rootDirectory: str(b.rootdirectory),
      storageClass: orDefault(b.storageclass, how.storageClass),
    };
  }
  if (s.type === "azure")
    s.azure = { accountName: str(b.accountname), accountKey: str(b.accountkey), container: str(b.container), realm: orDefault(b.realm, "core.windows.net") };
  if (s.type === "gcs") s.gcs = how.gcs(b, s.gcs);
  if (s.type === "swift")
    s.swift = {
      authUrl: str(b.authurl),
      username: str(b.username),
      password: str(b.password),
      container: str(b.container),
      region: str(b.region),
      tenant: str(b.tenant),
      domain: str(b.domain),
    };
  if (s.type === "oss") {
    s.oss = {
      accessKeyId: str(b.accesskeyid),
      accessKeySecret: str(b.accesskeysecret),
      region: str(b.region),
      bucket: str(b.bucket),
      endpoint: str(b.endpoint),
      internal: bool(b.internal, false),
      encrypt: bool(b.encrypt, false),
      secure: bool(b.secure, true),
      rootDirectory: str(b.rootdirectory),
    };
  }
}
