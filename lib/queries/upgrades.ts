/** What the upgrade pages read on the server, as types the components may import (components do not import lib/fleet). */
export type { UpgradePlanView } from "../fleet/upgrade-view";
