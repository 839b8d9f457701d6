/** The SimFill logo: a SIM card. Decorative; the brand name is always written next to it. */
export function BrandMark() {
  return (
    <svg
      className="brand__mark"
      viewBox="0 0 32 32"
      width="36"
      height="36"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="8" fill="#134074" />
      <path
        d="M11 7h7l5 5v13a2 2 0 0 1-2 2H11a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2z"
        fill="none"
        stroke="#5eead4"
        strokeWidth="2"
        strokeLinejoin="round"
      />
      <rect x="13" y="15" width="6" height="7" rx="1" fill="#5eead4" />
    </svg>
  );
}
