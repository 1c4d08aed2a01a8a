// A stylesheet imported as its text (`./panel.css?raw`): Vite's form, which the build's plugin follows too.
declare module '*.css?raw' {
  const css: string
  export default css
}
