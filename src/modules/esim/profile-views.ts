import { z } from 'zod';
import { moneySchema, moneyView, timestampSchema } from '../../http/openapi.js';
import { pickText, type Locale } from '../../kernel/i18n/index.js';
import { parseActivationCode } from './activation-code.js';
import { appleInstallLink } from './install.js';
import {
  ESIM_ORDER_KINDS,
  ESIM_SOURCES,
  INSTALL_STATES,
  type EsimPackageRow,
  type ProfileRow,
} from './schema.js';
import type { TopUpPackage } from './sources.js';

/** The customer's eSIM as the API shows it (GET /v1/esims, /v1/esims/{id}): its install paths, packages and data. */

export const esimInstallSchema = z.object({
  activation_code: z.string().meta({
    description: 'What the QR code holds (SGP.22): `LPA:1$<SM-DP+ address>$<matching id>`.',
    example: 'LPA:1$smdp.example$ABC',
  }),
  smdp_address: z.string().meta({ description: 'For manual entry: the “SM-DP+ address”.' }),
  matching_id: z.string().meta({ description: 'For manual entry: the “activation code”.' }),
  confirmation_code_required: z
    .boolean()
    .meta({ description: 'The install also asks for a confirmation code (never in the QR code).' }),
  apple_install_url: z.string().meta({ description: 'iOS 17.4 and later: install in one tap.' }),
  qr_png_url: z.string(),
  qr_svg_url: z.string(),
});

export const esimSchema = z
  .object({
    object: z.literal('esim'),
    id: z.string().meta({ example: 'esim_01jz8x4e5qf0m8g4v3k2y1t9bc' }),
    iccid: z.string(),
    line: z.string().nullable().meta({ description: 'Your line of this eSIM (GET /v1/lines), once made.' }),
    order: z.string().meta({ description: 'The order that bought it.' }),
    source: z.enum(ESIM_SOURCES),
    name: z.string().meta({ description: 'The plan’s name in your language.' }),
    install_state: z.enum(INSTALL_STATES).meta({
      description:
        'What the phone has done with it, as far as SimFill knows: from the SM-DP+ (downloaded, installed) or ' +
        'the provider’s status (in use → enabled).',
    }),
    install_state_at: timestampSchema,
    install: esimInstallSchema,
    packages: z.array(
      z.object({
        package_id: z.string(),
        kind: z.enum(ESIM_ORDER_KINDS),
        name: z.string(),
        data_mb: z.number().int().nullable(),
        unlimited: z.boolean(),
        validity_days: z.number().int(),
        countries: z.array(z.string()),
        added_at: timestampSchema,
      }),
    ),
    usage: z
      .object({
        total_mb: z.number().int().nullable(),
        remaining_mb: z.number().int().nullable(),
        unlimited: z.boolean(),
        expires_at: timestampSchema.nullable(),
        status: z.string().nullable(),
        observed_at: timestampSchema,
        source: z.enum(['provider', 'simfill']).meta({
          description:
            '`provider`: as the provider reported it at `observed_at`; `simfill`: what SimFill sold (the SM-DP+ ' +
            'reports no usage).',
        }),
      })
      .nullable(),
    top_up_allowed: z.boolean(),
    created_at: timestampSchema,
  })
  .meta({ id: 'Esim' });

export type EsimView = z.infer<typeof esimSchema>;

/** The install paths, all derived from the one activation code. */
export function installView(profile: ProfileRow): EsimView['install'] {
  const parsed = parseActivationCode(profile.activationCode);
  const code = parsed.ok
    ? parsed.code
    : { smdpAddress: '', matchingId: '', smdpOid: undefined, confirmationCodeRequired: false };
  return {
    activation_code: profile.activationCode,
    smdp_address: code.smdpAddress,
    matching_id: code.matchingId,
    confirmation_code_required: profile.confirmationCodeRequired || code.confirmationCodeRequired,
    apple_install_url: parsed.ok ? appleInstallLink(code) : '',
    qr_png_url: `/v1/esims/${profile.id}/qr.png`,
    qr_svg_url: `/v1/esims/${profile.id}/qr.svg`,
  };
}

function usageView(profile: ProfileRow, packages: EsimPackageRow[]): EsimView['usage'] {
  if (profile.source === 'smdp') {
    // The operator's own network: what SimFill sold is what the eSIM holds (the SM-DP+ reports no usage).
    if (packages.length === 0) return null;
    const unlimited = packages.some((pkg) => pkg.spec.unlimited);
    return {
      total_mb: unlimited ? null : packages.reduce((sum, pkg) => sum + (pkg.spec.dataMb ?? 0), 0),
      remaining_mb: null,
      unlimited,
      expires_at: null,
      status: null,
      observed_at: packages.at(-1)!.addedAt.toISOString(),
      source: 'simfill',
    };
  }
  if (!profile.usageObservedAt) return null;
  return {
    total_mb: profile.usageTotalMb,
    remaining_mb: profile.usageRemainingMb,
    unlimited: profile.usageUnlimited,
    expires_at: profile.usageExpiresAt?.toISOString() ?? null,
    status: profile.providerStatus,
    observed_at: profile.usageObservedAt.toISOString(),
    source: 'provider',
  };
}

/** An eSIM that can still take data: not deleted, not recycled or gone at its provider, and its source is here. */
export function canTopUp(profile: ProfileRow, sourceConfigured: boolean): boolean {
  return (
    sourceConfigured &&
    profile.installState !== 'deleted' &&
    profile.providerStatus !== 'recycled' &&
    profile.providerStatus !== 'RECYCLED'
  );
}

export function esimView(
  profile: ProfileRow,
  packages: EsimPackageRow[],
  locale: Locale,
  topUpAllowed: boolean,
): EsimView {
  const first = packages.find((pkg) => pkg.kind === 'new') ?? packages[0];
  return {
    object: 'esim',
    id: profile.id,
    iccid: profile.iccid,
    line: profile.lineId,
    order: profile.orderId,
    source: profile.source,
    name: first ? pickText(first.spec.name, locale) : 'eSIM',
    install_state: profile.installState,
    install_state_at: profile.installStateAt.toISOString(),
    install: installView(profile),
    packages: packages.map((pkg) => ({
      package_id: pkg.packageId,
      kind: pkg.kind,
      name: pickText(pkg.spec.name, locale),
      data_mb: pkg.spec.dataMb,
      unlimited: pkg.spec.unlimited,
      validity_days: pkg.spec.validityDays,
      countries: pkg.spec.countries,
      added_at: pkg.addedAt.toISOString(),
    })),
    usage: usageView(profile, packages),
    top_up_allowed: topUpAllowed,
    created_at: profile.createdAt.toISOString(),
  };
}

export const topUpPackageSchema = z
  .object({
    object: z.literal('esim_top_up_package'),
    package_id: z
      .string()
      .meta({ description: 'What `POST /v1/quotes {type: "esim_topup", package}` names.' }),
    name: z.string(),
    data_mb: z.number().int().nullable(),
    unlimited: z.boolean(),
    validity_days: z.number().int(),
    countries: z.array(z.string()),
    price: moneySchema,
  })
  .meta({ id: 'EsimTopUpPackage' });

export function topUpPackageView(pkg: TopUpPackage, name: string): z.infer<typeof topUpPackageSchema> {
  return {
    object: 'esim_top_up_package',
    package_id: pkg.packageId,
    name,
    data_mb: pkg.dataMb ?? null,
    unlimited: pkg.unlimited,
    validity_days: pkg.validityDays,
    countries: pkg.countries,
    price: moneyView(pkg.priceMinor, pkg.currency),
  };
}
