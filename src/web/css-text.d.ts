/** Stylesheets are bundled as text and applied as constructable stylesheets (see build-web-assets.ts). */
declare module "*.css" {
  const cssText: string;
  export default cssText;
}
