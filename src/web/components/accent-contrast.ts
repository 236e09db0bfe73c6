/** Picks the text colour that reads on an accent colour (WCAG 2 contrast). */

/** Relative luminance of an sRGB colour given as 0-255 channels. */
function luminance([red, green, blue]: [number, number, number]): number {
  const linear = (channel: number) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}

/** Contrast ratio of two luminances (1 to 21). */
function contrast(first: number, second: number): number {
  const [lighter, darker] = first > second ? [first, second] : [second, first];
  return (lighter + 0.05) / (darker + 0.05);
}

/** The channels of a CSS colour as the browser computes it, or undefined when it cannot be read. */
function channelsOf(colour: string, probeParent: Element): [number, number, number] | undefined {
  const probe = document.createElement("span");
  probe.style.color = colour;
  probeParent.append(probe);
  const computed = getComputedStyle(probe).color;
  probe.remove();
  const match = /rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)/u.exec(computed);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** White when white text meets 4.5:1 on `accent`, else a near-black. */
export function textColourOn(accent: string, probeParent: Element): string {
  const channels = channelsOf(accent, probeParent);
  if (!channels) return "#ffffff";
  const accentLuminance = luminance(channels);
  return contrast(accentLuminance, 1) >= 4.5 ? "#ffffff" : "#111418";
}
