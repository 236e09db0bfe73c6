/** The HTML of `GET /insights`, the site owner's view of questions and feedback: no inline code. */

export interface InsightsPageHtmlOptions {
  scriptPath: string;
  stylePath: string;
}

export function renderInsightsPageHtml(options: InsightsPageHtmlOptions): string {
  return (
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Insights · report chat</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${options.stylePath}">
<script src="${options.scriptPath}" defer></script>
</head>
<body class="insights-body">
<header class="page-header"><h1>Reader insights</h1><nav aria-label="Site"><a class="page-language" ` +
    `href="/">Chat</a></nav></header>
<main class="insights-main">
<form id="insights-form" class="insights-form">
<label for="insights-key">API key</label>
<input id="insights-key" name="key" type="password" autocomplete="off" spellcheck="false">
<label for="insights-days">Period</label>
<select id="insights-days" name="days"><option value="7">7 days</option><option value="30" selected>30 ` +
    `days</option><option value="90">90 days</option></select>
<button type="submit" class="rc-send">Show</button>
</form>
<div id="insights-status" role="status"></div>
<div id="insights-report"></div>
<noscript><p>This page needs JavaScript.</p></noscript>
</main>
</body>
</html>
`
  );
}
