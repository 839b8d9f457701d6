/**
 * English messages of the eSIM pages (buy, install, the eSIM line, its top-up, and the eSIM parts of the orders and
 * lines pages): loaded with those pages' code, not on the portal's first page. `esim-zh-CN.ts` has the same keys.
 */
export const esimEn = {
  'esimBuy.kicker': 'Travel eSIM',
  'esimBuy.notFound': 'There is no eSIM plan at this address.',
  'esimBuy.backToPlans': 'See all plans',
  'esimBuy.notOnSale': 'This plan cannot be bought as an eSIM yet.',
  'esimBuy.countries': 'Countries and regions',
  'esimBuy.countriesMore': 'and {count} more',
  'esimBuy.step.device': 'Check that your phone takes an eSIM',
  'esimBuy.step.deviceHint':
    'Only a phone with an eSIM chip that is not locked to a carrier can install it. Check it one of three ways:',
  'esimBuy.step.pay': 'Pay',
  'esimBuy.compatibleNext': 'Your phone takes an eSIM: you can pay below.',
  'esimBuy.checkFirst': 'Check your phone above first; payment opens once it is confirmed.',
  'esimBuy.notCompatible.title': 'This phone cannot install an eSIM',
  'esimBuy.notCompatible.body':
    'Please do not buy an eSIM for it: it could not be installed after payment. What you can do instead:',
  'esimBuy.notCompatible.other':
    'Buying for another phone? Check that phone above by its model or EID, and payment opens.',
  'esimBuy.notCompatible.sim': 'Top up or renew a physical SIM instead',
  'esimBuy.notCompatible.list': 'Which phones take an eSIM',
  'esimBuy.unknown.hint':
    'We could not tell whether this phone takes an eSIM. Check its settings for “Add eSIM” (or dial *#06# for an EID) and go on only if it has one: an eSIM cannot be installed on a phone without it.',
  'esimBuy.unknown.confirm': 'I have checked: my phone takes an eSIM and is not carrier-locked',
  'esimBuy.keep.title': 'Before you pay: one eSIM, installed once',
  'esimBuy.keep.once':
    'The QR code works once: install it on the phone that will use it, not on another one.',
  'esimBuy.keep.delete':
    'Never delete this eSIM from your phone once installed: a deleted eSIM cannot be installed again and has to be bought anew.',
  'esimBuy.keep.after':
    'After payment your order page shows “Install eSIM” as soon as the eSIM is ready; it also stays under My lines.',
  'esimBuy.signIn.title': 'Sign in to pay',
  'esimBuy.signIn.body':
    'Sign in or create an account and you come back here to pay. The eSIM is kept in your account, with its install QR code.',
  'esimBuy.signIn.login': 'Sign in and buy',
  'esimBuy.signIn.register': 'Create an account',
  'esimBuy.steps': 'Buy this eSIM',
  'esimBuy.recheck': 'Check again',
  'esimBuy.checked': 'Checked: {device} takes an eSIM.',
  'esimBuy.checkedUnknown': 'You confirmed that your phone takes an eSIM.',

  'esimState.not_installed': 'Not installed',
  'esimState.downloaded': 'Downloaded, installing',
  'esimState.installed': 'Installed',
  'esimState.enabled': 'Installed and on',
  'esimState.deleted': 'Deleted from the phone',
  'esimState.since': 'since {time}',

  'esimInstall.title': 'Install eSIM',
  'esimInstall.warning.title': 'Read first: scan once, never delete',
  'esimInstall.warning.once':
    'This QR code works once. Install it on the phone that will use the eSIM; do not scan it with another phone.',
  'esimInstall.warning.delete':
    'Once installed, do not delete this eSIM: it cannot be installed again. Changing phones? Contact us first.',
  'esimInstall.warning.network':
    'The phone needs an internet connection (Wi-Fi or mobile data) while installing.',
  'esimInstall.oneTap.title': 'Install on this iPhone',
  'esimInstall.oneTap.button': 'Install eSIM with one tap',
  'esimInstall.oneTap.hint': 'Needs iOS 17.4 or later. Tap and follow the prompts: no scanning needed.',
  'esimInstall.android.title': 'Install on this Android phone',
  'esimInstall.android.hint':
    'Copy the activation code below, then paste it under Settings › Network & internet › SIMs › Add eSIM › “Enter activation code” (Samsung: Settings › Connections › SIM manager › Add eSIM).',
  'esimInstall.lpa': 'Activation code (LPA)',
  'esimInstall.qr.title': 'Scan the QR code',
  'esimInstall.qr.hint':
    'Scan it with the camera or the “Add eSIM” screen of the phone that will use the eSIM.',
  'esimInstall.qr.onPhone':
    'On this phone, use the button above instead, or open this page on a computer and scan the code from there.',
  'esimInstall.qr.alt': 'eSIM install QR code',
  'esimInstall.qr.download': 'Download the QR code (PNG)',
  'esimInstall.manual.title': 'Enter the details by hand',
  'esimInstall.manual.hint':
    'If scanning does not work, choose “Enter details manually” on the phone’s “Add eSIM” screen and type:',
  'esimInstall.manual.smdp': 'SM-DP+ address',
  'esimInstall.manual.code': 'Activation code',
  'esimInstall.copy': 'Copy',
  'esimInstall.copied': 'Copied',
  'esimInstall.copyFailed': 'Could not copy: select the text and copy it',
  'esimInstall.confirmation':
    'The phone will ask for a confirmation code while installing. Enter the code we sent you separately; if it did not arrive, contact us before you start.',
  'esimInstall.state.title': 'Install status',
  'esimInstall.state.waiting': 'This page updates by itself and shows “Installed” when the phone has it.',
  'esimInstall.done': 'Done: the eSIM is on your phone.',
  'esimInstall.doneNoScan': 'There is nothing more to scan.',
  'esimInstall.toLine': 'See the eSIM and its data',
  'esimInstall.deleted':
    'This eSIM was deleted from the phone and cannot be installed again. Contact us if you need help.',
  'esimInstall.guide.title': 'Step by step',
  'esimInstall.guide.iphone': 'iPhone',
  'esimInstall.guide.samsung': 'Samsung Galaxy',
  'esimInstall.guide.pixel': 'Google Pixel and other Android phones',
  'esimInstall.guide.iphone.1':
    'Connect to Wi-Fi and open Settings › Mobile Service (or Cellular) › Add eSIM.',
  'esimInstall.guide.iphone.2':
    'Choose “Use QR Code” and scan the code on this page, or “Enter Details Manually” with the SM-DP+ address and activation code.',
  'esimInstall.guide.iphone.3': 'Follow the prompts and give the eSIM a label such as “Travel”.',
  'esimInstall.guide.iphone.4':
    'When you arrive, turn the eSIM on under Mobile Service and turn on Data Roaming for it.',
  'esimInstall.guide.iphone.5': 'Set Mobile Data to the eSIM; your home SIM can stay on for calls and texts.',
  'esimInstall.guide.samsung.1': 'Connect to Wi-Fi and open Settings › Connections › SIM manager.',
  'esimInstall.guide.samsung.2':
    'Tap “Add eSIM” › “Scan QR code from service provider”, or “Enter activation code” and paste the LPA code.',
  'esimInstall.guide.samsung.3': 'Follow the prompts to download the eSIM and turn it on.',
  'esimInstall.guide.samsung.4': 'When you arrive, turn on the eSIM and Data roaming.',
  'esimInstall.guide.samsung.5': 'Under SIM manager › Mobile data, choose the eSIM.',
  'esimInstall.guide.pixel.1': 'Connect to Wi-Fi and open Settings › Network & internet › SIMs.',
  'esimInstall.guide.pixel.2':
    'Tap “Add eSIM” (or “Download a SIM instead”) and scan the code; or “Need help?” › “Enter it manually” and paste the LPA code.',
  'esimInstall.guide.pixel.3': 'Follow the prompts to download the eSIM.',
  'esimInstall.guide.pixel.4': 'When you arrive, turn on the eSIM and Roaming for it.',
  'esimInstall.guide.pixel.5': 'Under SIMs › Mobile data, choose the eSIM.',

  'esimLine.iccid': 'ICCID',
  'esimLine.state': 'Install status',
  'esimLine.install': 'Install eSIM',
  'esimLine.installHint':
    'Not on a phone yet: open the install page to scan the QR code or install with one tap.',
  'esimLine.topUp': 'Add data',
  'esimLine.noTopUp': 'Data cannot be added to this eSIM right now.',
  'esimLine.packages': 'Packages',
  'esimLine.package.new': 'First package',
  'esimLine.package.topup': 'Added data',
  'esimLine.package.added': 'added {date}',
  'esimLine.unlimited': 'Unlimited data',
  'esimLine.usage': 'Data',
  'esimLine.used': '{used} used of {total}',
  'esimLine.remaining': '{amount} left',
  'esimLine.expires': 'Valid until {date}',
  'esimLine.asOf.provider': 'As reported by the eSIM provider at {time}',
  'esimLine.asOf.simfill': 'As counted by SimFill at {time}',
  'esimLine.noUsage': 'No usage yet: it shows once the eSIM is installed and used.',
  'esimLine.order': 'Bought in order',
  'esimLine.back': 'Back to My lines',

  'esimTopUp.title': 'Add data to your eSIM',
  'esimTopUp.intro': 'The data goes onto the same eSIM (ICCID {iccid}): nothing to install again.',
  'esimTopUp.step.package': 'Choose a data package',
  'esimTopUp.none': 'There is no data package for this eSIM right now.',
  'esimTopUp.notAllowed': 'Data cannot be added to this eSIM right now.',

  'esimOrder.ready': 'Your eSIM is ready to install.',
  'esimOrder.install': 'Install eSIM',
  'esimOrder.delivering':
    'Your eSIM is being issued. The “Install eSIM” button appears here by itself when it is ready: no need to reload.',
  'esimOrder.toppedUp': 'The data was added to your eSIM.',
  'esimOrder.toppingUp': 'The data is being added to your eSIM; this page updates by itself.',
  'esimOrder.viewEsim': 'View eSIM',

  'esimLines.kind': 'Travel eSIM',
  'esimLines.open': 'View eSIM',
} as const;
