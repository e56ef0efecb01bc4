import { getCurrentInstance, onBeforeUnmount, readonly, ref, type Ref } from 'vue';

/**
 * The phone breakpoint: screens at most this wide get the phone layout (slide-out menu, stacked cards,
 * full-screen dialogs). Desktop screens above it stay as they are.
 */
export const PHONE_QUERY = '(max-width: 768px)';

function matches(query: string): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia(query).matches
    : false;
}

/**
 * True while the viewport is phone-sized. One matchMedia listener per caller, removed when the caller unmounts;
 * outside a component it keeps listening (for app-wide use); without matchMedia it answers false.
 */
export function usePhone(query: string = PHONE_QUERY): Readonly<Ref<boolean>> {
  const isPhone = ref(matches(query));
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return readonly(isPhone);
  const list = window.matchMedia(query);
  const onChange = (event: MediaQueryListEvent | MediaQueryList): void => {
    isPhone.value = event.matches;
  };
  // Safari < 14 (and some in-app browsers built on it) only know addListener.
  if (typeof list.addEventListener === 'function') list.addEventListener('change', onChange);
  else list.addListener(onChange);
  if (getCurrentInstance()) {
    onBeforeUnmount(() => {
      if (typeof list.removeEventListener === 'function') list.removeEventListener('change', onChange);
      else list.removeListener(onChange);
    });
  }
  return readonly(isPhone);
}
