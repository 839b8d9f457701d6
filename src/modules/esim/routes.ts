import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/openapi.js';
import { AppError } from '../../kernel/errors.js';
import { pickText, type Locale } from '../../kernel/i18n/index.js';
import {
  checkByEid,
  checkByModel,
  checkByUserAgent,
  DEVICE_LIST_VERSION,
  DEVICES,
  reasonTextOf,
  UNLOCK_CAVEAT,
  type CompatibilityCheck,
  type CompatibleDevice,
} from './devices.js';

/** The esim module's public HTTP surface: which phones take an eSIM, and a check for one phone. */

const deviceSchema = z
  .object({
    object: z.literal('compatible_device'),
    brand: z.string(),
    model: z.string(),
    aliases: z.array(z.string()).meta({ description: 'Other names and model identifiers it is known by.' }),
    esim: z.boolean(),
    os_minimum: z
      .string()
      .nullable()
      .meta({ description: 'The first OS version with eSIM on it, when it matters.' }),
    note: z.string().nullable().meta({ description: 'Regional or model caveats, in your language.' }),
  })
  .meta({ id: 'CompatibleDevice' });

const checkSchema = z
  .object({
    object: z.literal('device_check'),
    verdict: z.enum(['compatible', 'not_compatible', 'unknown']),
    reason: z.string().meta({ description: 'Why, as a code: eid_valid, model_listed, ios_model_hidden, …' }),
    message: z.string().meta({
      description: 'The reason in your language: for a listed phone without eSIM, the list’s note on it.',
    }),
    caveats: z
      .array(z.string())
      .meta({ description: 'What holds whatever the verdict (carrier unlock, regions).' }),
    device: deviceSchema.nullable(),
    list_version: z.string(),
  })
  .meta({ id: 'DeviceCheck' });

function deviceView(device: CompatibleDevice, locale: Locale): z.infer<typeof deviceSchema> {
  return {
    object: 'compatible_device',
    brand: device.brand,
    model: device.model,
    aliases: [...device.aliases],
    esim: device.esim,
    os_minimum: device.osMinimum ?? null,
    note: device.note ? pickText(device.note, locale) : null,
  };
}

function checkView(check: CompatibilityCheck, locale: Locale): z.infer<typeof checkSchema> {
  const caveats = [pickText(UNLOCK_CAVEAT, locale)];
  if (check.device?.note && check.verdict === 'compatible') caveats.push(pickText(check.device.note, locale));
  return {
    object: 'device_check',
    verdict: check.verdict,
    reason: check.reason,
    message: pickText(reasonTextOf(check), locale),
    caveats,
    device: check.device ? deviceView(check.device, locale) : null,
    list_version: DEVICE_LIST_VERSION,
  };
}

const checkBody = z
  .object({
    model: z.string().trim().min(1).max(100).optional().meta({ example: 'iPhone 15 Pro' }),
    eid: z
      .string()
      .max(64)
      .optional()
      .meta({ description: '32 digits starting 89 (Settings > About, *#06#).' }),
    user_agent: z
      .string()
      .max(1000)
      .optional()
      .meta({ description: 'A user agent to read; the request’s own User-Agent when nothing is given.' }),
  })
  .strict();

export function esimRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/compatible-devices',
      {
        schema: {
          tags: ['esim'],
          summary: 'List phones and whether they take an eSIM',
          description: `The curated list (version ${DEVICE_LIST_VERSION}), with regional caveats in your language.`,
          response: {
            200: z.object({
              object: z.literal('list'),
              data: z.array(deviceSchema),
              has_more: z.literal(false),
              version: z.string(),
            }),
            ...errorResponses(),
          },
        },
      },
      async (request) => ({
        object: 'list' as const,
        data: DEVICES.map((device) => deviceView(device, request.locale)),
        has_more: false as const,
        version: DEVICE_LIST_VERSION,
      }),
    );

    app.post(
      '/device-checks',
      {
        schema: {
          tags: ['esim'],
          summary: 'Check whether a phone takes an eSIM',
          description:
            'By EID (proof of an eSIM chip), by model name or identifier, or by user agent (the request’s own ' +
            'when the body names nothing). Creates nothing.',
          body: checkBody,
          response: { 200: checkSchema, ...errorResponses(400) },
        },
      },
      async (request) => {
        const { model, eid, user_agent: userAgent } = request.body;
        if (eid !== undefined) {
          const byEid = checkByEid(eid);
          if (!byEid) throw new AppError('eid_invalid', { param: 'eid' });
          return checkView(byEid, request.locale);
        }
        if (model !== undefined) return checkView(checkByModel(model), request.locale);
        return checkView(checkByUserAgent(userAgent ?? request.headers['user-agent'] ?? ''), request.locale);
      },
    );
  };
}
