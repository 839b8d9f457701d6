/**
 * The simulator's seeded catalog, in Airalo's nesting: a country (or region) → operators → packages. Ids are
 * Airalo-style slugs; prices are US dollars as Airalo states them (`net_price` is what the partner pays, `price`
 * the recommended retail price); `amount` is megabytes, 0 for an unlimited package.
 */

export interface SimPackage {
  id: string;
  type: 'sim' | 'topup';
  title: string;
  amountMb: number;
  day: number;
  isUnlimited: boolean;
  price: number;
  netPrice: number;
  /** eSIMs left to sell; undefined = never runs out. */
  stock?: number;
  /** The operator disabled this top-up (Airalo's code 23). */
  topUpDisabled?: boolean;
}

export interface SimOperator {
  id: number;
  title: string;
  type: 'local' | 'global';
  countries: { code: string; title: string }[];
  rechargeable: boolean;
  packages: SimPackage[];
}

export interface SimCountry {
  slug: string;
  countryCode: string;
  title: string;
  operators: SimOperator[];
}

const pkg = (
  id: string,
  title: string,
  amountMb: number,
  day: number,
  netPrice: number,
  price: number,
  extra: Partial<SimPackage> = {},
): SimPackage => ({
  id,
  type: id.endsWith('-topup') ? 'topup' : 'sim',
  title,
  amountMb,
  day,
  isUnlimited: amountMb === 0,
  netPrice,
  price,
  ...extra,
});

const NORTH_AMERICA = [
  { code: 'US', title: 'United States' },
  { code: 'CA', title: 'Canada' },
  { code: 'MX', title: 'Mexico' },
];

const EUROPE = [
  'GB',
  'FR',
  'DE',
  'IT',
  'ES',
  'NL',
  'CH',
  'AT',
  'BE',
  'PT',
  'IE',
  'GR',
  'SE',
  'DK',
  'NO',
  'PL',
].map((code) => ({ code, title: code }));

const WORLD = [
  ...NORTH_AMERICA,
  ...['CN', 'HK', 'MO', 'TW', 'JP', 'KR', 'SG', 'TH', 'MY', 'VN', 'PH', 'ID'].map((code) => ({
    code,
    title: code,
  })),
  ...EUROPE,
  ...['AU', 'NZ', 'AE', 'TR', 'BR'].map((code) => ({ code, title: code })),
];

const ASIA = [
  { code: 'JP', title: 'Japan' },
  { code: 'CN', title: 'China' },
  { code: 'HK', title: 'Hong Kong' },
  { code: 'KR', title: 'South Korea' },
  { code: 'SG', title: 'Singapore' },
  { code: 'TH', title: 'Thailand' },
];

/** A fresh copy each time (stock is spent per simulator). */
export function seededCatalog(): SimCountry[] {
  return [
    {
      slug: 'united-states',
      countryCode: 'US',
      title: 'United States',
      operators: [
        {
          id: 101,
          title: 'Change',
          type: 'local',
          countries: [{ code: 'US', title: 'United States' }],
          rechargeable: true,
          packages: [
            pkg('change-7days-1gb', '1 GB - 7 Days', 1024, 7, 4.5, 6),
            pkg('change-30days-5gb', '5 GB - 30 Days', 5120, 30, 13, 17),
            pkg('change-30days-10gb', '10 GB - 30 Days', 10240, 30, 19, 26),
            pkg('change-1day-unlimited', 'Unlimited - 1 Day', 0, 1, 4, 5.5),
            pkg('change-7days-1gb-topup', '1 GB - 7 Days', 1024, 7, 4.5, 6),
            pkg('change-30days-5gb-topup', '5 GB - 30 Days', 5120, 30, 13, 17),
            pkg('change-1day-unlimited-topup', 'Unlimited - 1 Day', 0, 1, 4, 5.5),
          ],
        },
      ],
    },
    {
      slug: 'japan',
      countryCode: 'JP',
      title: 'Japan',
      operators: [
        {
          id: 201,
          title: 'Moshi Moshi',
          type: 'local',
          countries: [{ code: 'JP', title: 'Japan' }],
          rechargeable: true,
          packages: [
            pkg('moshi-moshi-7days-1gb', '1 GB - 7 Days', 1024, 7, 4.5, 6),
            pkg('moshi-moshi-30days-unlimited', 'Unlimited - 30 Days', 0, 30, 39, 52),
            pkg('moshi-moshi-7days-1gb-topup', '1 GB - 7 Days', 1024, 7, 4.5, 6),
          ],
        },
      ],
    },
    {
      slug: 'china',
      countryCode: 'CN',
      title: 'China',
      operators: [
        {
          id: 301,
          title: 'Chinacom',
          type: 'local',
          countries: [{ code: 'CN', title: 'China' }],
          rechargeable: true,
          packages: [
            pkg('chinacom-7days-3gb', '3 GB - 7 Days', 3072, 7, 8, 11, { stock: 3 }),
            pkg('chinacom-30days-10gb', '10 GB - 30 Days', 10240, 30, 22, 29),
            pkg('chinacom-7days-3gb-topup', '3 GB - 7 Days', 3072, 7, 8, 11, { topUpDisabled: true }),
          ],
        },
      ],
    },
    {
      slug: 'hong-kong',
      countryCode: 'HK',
      title: 'Hong Kong',
      operators: [
        {
          id: 401,
          title: 'Hkmobile',
          type: 'local',
          countries: [{ code: 'HK', title: 'Hong Kong' }],
          rechargeable: false,
          packages: [pkg('hkmobile-7days-2gb', '2 GB - 7 Days', 2048, 7, 5, 7)],
        },
      ],
    },
    {
      slug: 'asia',
      countryCode: '',
      title: 'Asia',
      operators: [
        {
          id: 901,
          title: 'Asialink',
          type: 'global',
          countries: ASIA,
          rechargeable: true,
          packages: [
            pkg('asialink-7days-1gb', '1 GB - 7 Days', 1024, 7, 6, 8),
            pkg('asialink-30days-5gb', '5 GB - 30 Days', 5120, 30, 19, 26),
            pkg('asialink-7days-1gb-topup', '1 GB - 7 Days', 1024, 7, 6, 8),
          ],
        },
      ],
    },
    {
      slug: 'north-america',
      countryCode: '',
      title: 'North America',
      operators: [
        {
          id: 902,
          title: 'Ameriroam',
          type: 'global',
          countries: NORTH_AMERICA,
          rechargeable: true,
          packages: [
            pkg('ameriroam-30days-5gb', '5 GB - 30 Days', 5120, 30, 14, 18),
            pkg('ameriroam-30days-10gb', '10 GB - 30 Days', 10240, 30, 22, 29),
            pkg('ameriroam-7days-1gb-topup', '1 GB - 7 Days', 1024, 7, 5, 7),
          ],
        },
      ],
    },
    {
      slug: 'europe',
      countryCode: '',
      title: 'Europe',
      operators: [
        {
          id: 903,
          title: 'Eurolink',
          type: 'global',
          countries: EUROPE,
          rechargeable: true,
          packages: [
            pkg('eurolink-30days-5gb', '5 GB - 30 Days', 5120, 30, 12, 16),
            pkg('eurolink-7days-1gb-topup', '1 GB - 7 Days', 1024, 7, 4.5, 6),
          ],
        },
      ],
    },
    {
      slug: 'world',
      countryCode: '',
      title: 'World',
      operators: [
        {
          id: 904,
          title: 'Discover Global',
          type: 'global',
          countries: WORLD,
          rechargeable: true,
          packages: [
            pkg('discover-global-30days-10gb', '10 GB - 30 Days', 10240, 30, 37, 49),
            pkg('discover-global-7days-1gb-topup', '1 GB - 7 Days', 1024, 7, 9, 12),
          ],
        },
      ],
    },
  ];
}
