import type { Messages } from './en.js';

export const zhCN: Messages = {
  errors: {
    internal_error: '我们这边出了点问题，请重试；如果问题持续，请提供请求编号 {{requestId}} 联系客服。',
    route_not_found: '本 API 没有 {{method}} {{path}}。',
    method_not_allowed: '{{path}} 不支持 {{method}}，请使用 {{allowed}}。',
    resource_missing: '找不到{{resource}}：{{id}}。',
    parameter_invalid: '参数 {{param}} 的值无效：{{reason}}',
    parameter_missing: '缺少必填参数 {{param}}。',
    parameter_unknown: '无法识别的参数 {{param}}。',
    invalid_json: '请求内容不是有效的 JSON。',
    body_too_large: '请求内容超过了允许的 {{limitBytes}} 字节。',
    unsupported_media_type: '请以 application/json 格式发送请求内容。',
    invalid_cursor: '{{param}} 必须是上一页中某一项的 ID。',
    idempotency_key_invalid: 'Idempotency-Key 必须是 1 到 255 个可打印 ASCII 字符。',
    idempotency_key_reused: '此 Idempotency-Key 已用于另一个不同的请求，新请求请使用新的 Key。',
    idempotency_key_in_flight: '使用此 Idempotency-Key 的请求仍在处理中，请在其完成后重试。',
    carrier_unknown: '没有名为 {{value}} 的运营商，请使用 GET /v1/carriers 返回的 ID 或简称。',
    bad_request: '无法理解该请求。',
    service_unavailable: '服务尚未就绪，请稍后重试。',
  },
  resources: {
    dev_message: '邮件',
    plan: '套餐',
    carrier: '运营商',
  },
  reasons: {
    expected_type: '应为 {{expected}}',
    too_small: '不能小于 {{minimum}}',
    too_big: '不能大于 {{maximum}}',
    one_of: '必须是以下之一：{{values}}',
    format: '格式不正确',
    nul_character: '包含空字符（U+0000）',
    other: '不被接受',
  },
};
