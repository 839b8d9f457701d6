export {
  assertStillAsQuoted,
  priceLineTopUp,
  type LineTopUpChoice,
} from '../../modules/provisioning/offers.js';
