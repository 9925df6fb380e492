/** How harbor-helm values expose Harbor: service type, TLS (by the chart's key names), ingress class, ports, externalURL. Pure. */
import type { TTopology } from "../schemas/topology";
import { chartHas } from "./helm-keys";
import { helmExternalUrl, type Put } from "./helm-values-backends";

export function putExpose(t: TTopology, chart: string, put: Put): void {
  const h = t.deployment.helm;
  const tls = t.access.tls !== "none";
  put("expose.type", h.exposeType);
  put("expose.tls.enabled", tls);
  if (tls) {
    const commonName = h.exposeType === "ingress" ? "" : t.access.hostname;
    if (chartHas(chart, "expose.tls.certSource")) {
      put("expose.tls.certSource", h.tlsSecretName ? "secret" : "auto");
      if (h.tlsSecretName) put("expose.tls.secret.secretName", h.tlsSecretName);
      else if (commonName) put("expose.tls.auto.commonName", commonName);
    } else if (h.tlsSecretName) put("expose.tls.secretName", h.tlsSecretName);
    else if (commonName) put("expose.tls.commonName", commonName);
  }
  if (h.exposeType === "ingress") {
    put("expose.ingress.hosts.core", t.access.hostname);
    if (h.ingressClassName) {
      if (chartHas(chart, "expose.ingress.className")) put("expose.ingress.className", h.ingressClassName);
      else put("expose.ingress.annotations", { "kubernetes.io/ingress.class": h.ingressClassName });
    }
  } else if (h.exposeType !== "nodePort") {
    const base = `expose.${h.exposeType}.ports`;
    if (t.access.httpPort !== 80) put(`${base}.httpPort`, t.access.httpPort);
    if (t.access.httpsPort !== 443) put(`${base}.httpsPort`, t.access.httpsPort);
  }
  put("externalURL", helmExternalUrl(t));
}
