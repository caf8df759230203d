import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Windsock", template: "%s · Windsock" },
  description: "Airflow-style pipelines as code, run durably on Temporal, hosted for teams.",
};

// Applies the saved theme before first paint so dark mode never flashes.
const themeScript = `try{var t=localStorage.getItem("windsock-theme");if(t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.dataset.theme="dark"}catch(e){}`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen bg-white font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        {children}
      </body>
    </html>
  );
}
