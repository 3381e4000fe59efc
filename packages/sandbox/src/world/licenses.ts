/** An X Series license as the Administration API lists it; the console shows `name`. */
export interface License {
  id: string;
  name: string;
  country: string;
  /** SMS needs X2 or higher; Lobby and Basic licenses have none ("8x8 Admin Console Extension Cannot Send or Receive SMS"). */
  includesSms: boolean;
}

const TIERS: ReadonlyArray<{ tier: string; includesSms: boolean }> = [
  { tier: "Basic", includesSms: false },
  { tier: "Lobby", includesSms: false },
  { tier: "X2", includesSms: true },
  { tier: "X4", includesSms: true },
  { tier: "X6", includesSms: true },
  { tier: "X7", includesSms: true },
  { tier: "X8", includesSms: true },
];

/** Every license the sandbox knows, per country, named as the console shows them ("X Series - X4"). */
export function licenseCatalogue(countries: readonly string[]): License[] {
  return countries.flatMap((country) =>
    TIERS.map(({ tier, includesSms }) => ({
      id: `lic-${country.toLowerCase()}-${tier.toLowerCase()}`,
      name: `X Series - ${tier}`,
      country,
      includesSms,
    })),
  );
}

export const LICENSE_NAMES = TIERS.map(({ tier }) => `X Series - ${tier}`);
