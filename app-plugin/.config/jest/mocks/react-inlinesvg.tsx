import type { Ref, SVGProps } from 'react';

// react-inlinesvg fetches each icon and sets state when it arrives. jsdom has nothing to fetch, and the
// late update only floods test output with act() warnings, so icons render as an empty <svg> at once.
type Props = SVGProps<SVGSVGElement> & {
  src: string;
  innerRef?: Ref<SVGSVGElement>;
  cacheRequests?: boolean;
  uniquifyIDs?: boolean;
  uniqueHash?: string;
  baseURL?: string;
  preProcessor?: unknown;
  loader?: unknown;
  fetchOptions?: unknown;
};

export default function InlineSVG(props: Props) {
  const { src, innerRef, cacheRequests, uniquifyIDs, uniqueHash, baseURL, preProcessor, loader, fetchOptions, ...svg } =
    props;
  return <svg ref={innerRef} data-src={src} {...svg} />;
}
