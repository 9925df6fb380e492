/** The releases not offered as a target, each with why (issue #12: "the others listed with why"). */
export function UnreachableTargets({ from, unreachable }: { from: string; unreachable: { version: string; why: string }[] }) {
  return (
    <details className="mt-4 text-sm">
      <summary className="cursor-pointer text-muted">Releases not offered</summary>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-muted">
        <li>{from} and older: Harbor does not downgrade (an older core refuses the migrated database).</li>
        {unreachable.map((u) => (
          <li key={u.version}>
            <span className="font-mono text-foreground">{u.version}</span>: {u.why}
          </li>
        ))}
      </ul>
    </details>
  );
}
