/* eslint-disable no-undef */
/**
 * Webpack in the shape of Microsoft's React task-pane template (yo office):
 * entries `taskpane` and `commands`, one HtmlWebpackPlugin per page, CopyWebpackPlugin for the icons and the
 * manifest (its localhost URLs rewritten to `urlProd` in production builds).
 *
 * Dev certificates (office-addin-dev-certs) are requested ONLY for `webpack serve`, so `npm run build` works on a
 * Linux CI machine without certificates.
 *
 * `--env browserTest` builds the page used by the browser tests (test/browser) into dist/browser-test: its entry
 * (test/browser/page/main.tsx) starts the same App over an in-memory workbook, and the page does not load Office.js
 * from the CDN.
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const urlDev = "https://localhost:3000/";
const urlProd = process.env.ADDIN_URL_PROD || "https://www.contoso.com/"; // CHANGE THIS TO YOUR PRODUCTION DEPLOYMENT LOCATION

const isServe = (env) => Boolean(env.WEBPACK_SERVE) || process.argv.includes("serve");

async function getHttpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const httpsOptions = await devCerts.getHttpsServerOptions();
  return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const browserTest = Boolean(env.browserTest);
  const outDir = browserTest
    ? path.resolve(__dirname, "dist", "browser-test")
    : path.resolve(__dirname, "dist");

  const config = {
    mode: dev ? "development" : "production",
    // Never an eval devtool: the page's Content-Security-Policy forbids eval.
    devtool: dev ? "source-map" : false,
    entry: browserTest
      ? { taskpane: "./test/browser/page/main.tsx" }
      : { taskpane: "./src/taskpane/index.tsx", commands: "./src/commands/commands.ts" },
    output: { path: outDir, filename: "[name].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js", ".jsx", ".html"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, compilerOptions: { module: "es2020", sourceMap: dev } },
          },
        },
        {
          test: /\.(png|jpg|jpeg|gif|ico)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name][ext][query]" },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        scriptLoading: "defer",
        templateParameters: { officeJs: !browserTest },
      }),
      ...(browserTest
        ? []
        : [
            new HtmlWebpackPlugin({
              filename: "commands.html",
              template: "./src/commands/commands.html",
              chunks: ["commands"],
              scriptLoading: "defer",
            }),
            new CopyWebpackPlugin({
              patterns: [
                { from: "assets/*.png", to: "assets/[name][ext][query]" },
                {
                  from: "manifest*.xml",
                  to: "[name][ext]",
                  transform(content) {
                    if (dev) return content;
                    // Page URLs first, then bare origins (AppDomain) to the production origin.
                    return content
                      .toString()
                      .replace(new RegExp(urlDev, "g"), urlProd)
                      .replace(new RegExp(new URL(urlDev).origin, "g"), new URL(urlProd).origin);
                  },
                },
              ],
            }),
          ]),
    ],
    performance: { hints: false },
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      port: process.env.npm_package_config_dev_server_port || 3000,
    },
  };

  if (isServe(env)) {
    config.devServer.server = { type: "https", options: await getHttpsOptions() };
  }
  return config;
};
