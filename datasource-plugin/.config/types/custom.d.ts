// Image imports resolve to the URL webpack gives the emitted asset.
declare module '*.png' {
  const url: string;
  export default url;
}

declare module '*.svg' {
  const url: string;
  export default url;
}
