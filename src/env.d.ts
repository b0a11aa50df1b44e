/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The report being rendered, for MDX components that print its validated figures. */
    report?: import('./lib/model.ts').Report;
  }
}
