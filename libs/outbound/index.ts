export { AddressPolicy } from './address-policy.ts';
