import { LICENSE_NAMES, type LicenseName } from "../scenario-schema.js";

/** An X Series license as the Administration API lists it; the console shows `name`. */
export interface License {
  id: string;
  name: string;
  country: string;
  /** SMS needs X2 or higher; Lobby and Basic licenses have none ("8x8 Admin Console Extension Cannot Send or Receive SMS"). */
  includesSms: boolean;
}

/**
 * Which license includes SMS. The names are core's (`LICENSE_NAMES`, what scenario files may give a
 * user); whether each includes SMS is the simulated world's own truth, not core's reading of the name.
 */
const INCLUDES_SMS: Readonly<Record<LicenseName, boolean>> = {
  "X Series - Basic": false,
  "X Series - Lobby": false,
  "X Series - X2": true,
  "X Series - X4": true,
  "X Series - X6": true,
  "X Series - X7": true,
  "X Series - X8": true,
};

/** Every license the sandbox knows, per country, named as the console shows them ("X Series - X4"). */
export function licenseCatalogue(countries: readonly string[]): License[] {
  return countries.flatMap((country) =>
    LICENSE_NAMES.map((name) => ({
      id: `lic-${country.toLowerCase()}-${name.slice("X Series - ".length).toLowerCase()}`,
      name,
      country,
      includesSms: INCLUDES_SMS[name],
    })),
  );
}
