/**
 * Icons drawn on every row of a table, defined once per document (IconSprite, in the root layout) and referenced with
 * `<use>`: a lucide icon rendered per row costs its whole SVG markup and a component render, on every row of a page.
 */
export const SPRITE_NAMES = ["circle-check", "triangle-alert", "circle-x", "circle-help", "key-round"] as const;
export type SpriteName = (typeof SPRITE_NAMES)[number];

export const spriteId = (name: SpriteName) => `hfc-icon-${name}`;

/** A sprite icon; decorative (aria-hidden), sized by its className. */
export function SpriteIcon({ name, className }: { name: SpriteName; className?: string }) {
  return (
    <svg aria-hidden className={className}>
      <use href={`#${spriteId(name)}`} />
    </svg>
  );
}
