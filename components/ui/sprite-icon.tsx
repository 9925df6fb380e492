import { AlertTriangle, CheckCircle2, CircleHelp, KeyRound, XCircle } from "lucide-react";

/**
 * Icons drawn on every row of a table, defined once per document (in the root layout) and referenced with `<use>`:
 * a lucide icon rendered per row cost ~0.4 KB of markup and a component render each, 50 times per fleet page.
 */
const SPRITE = { "circle-check": CheckCircle2, "triangle-alert": AlertTriangle, "circle-x": XCircle, "circle-help": CircleHelp, "key-round": KeyRound } as const;
export type SpriteName = keyof typeof SPRITE;

const id = (name: SpriteName) => `hfc-icon-${name}`;

export function IconSprite() {
  return (
    <svg aria-hidden width="0" height="0" style={{ position: "absolute" }}>
      {Object.entries(SPRITE).map(([name, Icon]) => (
        <symbol key={name} id={id(name as SpriteName)} viewBox="0 0 24 24">
          <Icon />
        </symbol>
      ))}
    </svg>
  );
}

/** A sprite icon; decorative (aria-hidden), sized by its className. */
export function SpriteIcon({ name, className }: { name: SpriteName; className?: string }) {
  return (
    <svg aria-hidden className={className}>
      <use href={`#${id(name)}`} />
    </svg>
  );
}
