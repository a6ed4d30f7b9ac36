/**
 * The web sandbox's one page: the channel (drawn by the script with Discord's look from
 * @skyra/discord-components-core), the suggestions, the message box and the moderator switch.
 * The CSS here is the page around the messages, not the messages.
 */
export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fal-faq-bot sandbox</title>
<style>
  html, body { margin: 0; height: 100%; background: #313338; color: #dbdee1;
    font-family: 'gg sans', 'Noto Sans', 'Helvetica Neue', Helvetica, Arial, sans-serif; }
  body { display: flex; flex-direction: column; }
  header { display: flex; align-items: center; gap: 12px; padding: 10px 16px;
    border-bottom: 1px solid #1f2023; font-weight: 600; }
  header .hash { color: #80848e; font-size: 22px; }
  header .topic { color: #949ba4; font-weight: 400; font-size: 14px; flex: 1; }
  header label { display: flex; align-items: center; gap: 6px; font-weight: 500; font-size: 14px; cursor: pointer; }
  main { flex: 1; overflow-y: auto; display: flex; flex-direction: column; }
  #messages { margin-top: auto; }
  #problems { display: none; margin: 8px 16px; padding: 8px 12px; border-radius: 4px;
    background: #3b2326; border-left: 4px solid #f23f43; font-size: 14px; white-space: pre-wrap; }
  #problems.shown { display: block; }
  .preview-note { font-size: 12px; color: #949ba4; margin-top: 4px; font-style: italic; }
  .problems-card { margin-top: 4px; padding: 8px 12px; border-radius: 4px; background: #3b2326;
    border-left: 4px solid #f23f43; font-size: 14px; white-space: pre-wrap; }
  footer { padding: 0 16px 20px; position: relative; }
  #suggestions { display: none; position: absolute; bottom: 100%; left: 16px; right: 16px;
    background: #2b2d31; border-radius: 8px 8px 0 0; padding: 8px 0; max-height: 50vh; overflow-y: auto;
    box-shadow: 0 -4px 12px rgba(0,0,0,.3); z-index: 10; }
  #suggestions.shown { display: block; }
  #suggestions .title { padding: 4px 16px 8px; font-size: 12px; font-weight: 700; color: #b5bac1; text-transform: uppercase; }
  #suggestions li { list-style: none; padding: 8px 16px; cursor: pointer; font-size: 15px; }
  #suggestions li[aria-selected="true"] { background: #404249; color: #fff; }
  #suggestions ul { margin: 0; padding: 0; }
  #box { width: 100%; box-sizing: border-box; padding: 11px 16px; border: 0; border-radius: 8px;
    background: #383a40; color: #dbdee1; font-size: 16px; outline: none; }
  header button { background: #4e5058; color: #fff; border: 0; border-radius: 4px; padding: 4px 10px;
    font: inherit; font-size: 13px; cursor: pointer; }
  select.menu { margin-top: 4px; min-width: 300px; max-width: 520px; padding: 8px; border-radius: 4px;
    border: 1px solid #1e1f22; background: #2b2d31; color: #dbdee1; font: inherit; font-size: 14px; }
  #hint { font-size: 12px; color: #949ba4; padding: 6px 2px 0; min-height: 16px; }
  .post { display: block; width: 100%; text-align: left; margin: 8px 16px; padding: 10px 14px;
    max-width: 720px; border: 0; border-radius: 8px; background: #2b2d31; color: #dbdee1;
    font: inherit; cursor: pointer; }
  .post:hover { background: #35373c; }
  .post .title { font-weight: 600; font-size: 16px; color: #f2f3f5; }
  .post .meta { font-size: 13px; color: #949ba4; margin-top: 4px; }
  .post .tag { display: inline-block; margin-right: 6px; padding: 0 8px; border-radius: 8px;
    background: #3f4147; color: #dbdee1; }
  #hint.error { color: #f23f43; }
</style>
</head>
<body>
<header>
  <span class="hash" id="hash">#</span><span id="channel">general</span>
  <span class="topic">The fal FAQ bot, running against a local Discord emulator. Type / and a command (/faq credits); /answer &lt;message&gt; answers someone; /post &lt;title&gt; opens a help-forum post; /dm asks the bot privately.</span>
  <button id="view" type="button" data-view="channel">DM with the bot</button>
  <button id="forum" type="button">Help forum</button>
  <label><input type="checkbox" id="moderator"> moderator</label>
</header>
<main id="scroller">
  <div id="problems" role="alert"></div>
  <discord-messages id="messages"></discord-messages>
</main>
<footer>
  <div id="suggestions" role="listbox" aria-label="Suggestions"></div>
  <input id="box" autocomplete="off" spellcheck="false" aria-label="Message #general"
    placeholder="Message #general: try /faq credits expire">
  <div id="hint"></div>
</footer>
<script type="module" src="/app.js"></script>
</body>
</html>
`;
