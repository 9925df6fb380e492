import { AlertTriangle, CheckCircle2, CircleHelp, KeyRound, XCircle } from "lucide-react";
import { SPRITE_NAMES, spriteId, type SpriteName } from "./sprite-icon";

const ICONS: Record<SpriteName, typeof CheckCircle2> = {
  "circle-check": CheckCircle2,
  "triangle-alert": AlertTriangle,
  "circle-x": XCircle,
  "circle-help": CircleHelp,
  "key-round": KeyRound,
};

/** The sprite SpriteIcon refers to, rendered once per document by the root layout (a server component: lucide stays on the server). */
export function IconSprite() {
  return (
    <svg aria-hidden width="0" height="0" style={{ position: "absolute" }}>
      {SPRITE_NAMES.map((name) => {
        const Icon = ICONS[name];
        return (
          <symbol key={name} id={spriteId(name)} viewBox="0 0 24 24">
            <Icon />
          </symbol>
        );
      })}
    </svg>
  );
}
