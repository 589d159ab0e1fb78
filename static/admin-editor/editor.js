/* The post editor in the admin: live preview rendered by the server (the
 * site's own Markdown renderer), tag suggestions and image upload.
 * The form works without this script; it only adds to it. */
(function () {
  "use strict";

  var PREVIEW_DELAY_MS = 350;

  // Django's slug prefill drops punctuation, which glues Chinese words
  // together ("入门：Go" → "入门go"). Treat CJK and full-width punctuation as
  // a space first, as posts.slugs.unicode_slug does on the server.
  var CJK_PUNCTUATION = /[\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/g;
  // Wrapped once the page has loaded: admin's urlify.js may come after this file.
  document.addEventListener("DOMContentLoaded", function () {
    if (typeof window.URLify !== "function") {
      return;
    }
    var urlify = window.URLify;
    window.URLify = function (text, length, allowUnicode) {
      return urlify(String(text).replace(CJK_PUNCTUATION, " "), length, allowUnicode);
    };
  });

  function post(url, data, csrf) {
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "X-Requested-With": "fetch" },
    }).then(function (response) {
      return response.json().then(function (json) {
        return { ok: response.ok, json: json };
      });
    });
  }

  function setupPreview(body, title, urls, labels, csrf) {
    var holder = body.parentNode;
    var editor = document.createElement("div");
    editor.className = "md-editor";
    holder.insertBefore(editor, body);
    editor.appendChild(body);
    holder.closest(".form-row").classList.add("md-editor-row");

    var pane = document.createElement("section");
    pane.className = "md-preview";
    pane.setAttribute("aria-label", labels.preview);
    pane.innerHTML =
      '<div class="md-preview-head"><strong></strong> <span class="md-preview-state" role="status"></span></div>' +
      '<div class="md-preview-page"><h1 class="md-preview-title"></h1><div class="md-preview-body entry-content"></div></div>';
    pane.querySelector("strong").textContent = labels.preview;
    editor.appendChild(pane);

    var state = pane.querySelector(".md-preview-state");
    var output = pane.querySelector(".md-preview-body");
    var heading = pane.querySelector(".md-preview-title");
    var timer = null;
    var sent = 0;

    function showTitle() {
      heading.textContent = title ? title.value : "";
    }

    function refresh() {
      var number = ++sent;
      var data = new FormData();
      data.append("body", body.value);
      state.textContent = labels.updating;
      pane.dataset.state = "updating";
      post(urls.preview, data, csrf)
        .then(function (result) {
          if (number !== sent) return; // A newer request is on its way.
          if (!result.ok) throw new Error(result.json.error || labels.failed);
          output.innerHTML = result.json.html;
          state.textContent = labels.current;
          pane.dataset.state = "current";
        })
        .catch(function (error) {
          if (number !== sent) return;
          state.textContent = labels.failed + " " + (error.message || "");
          pane.dataset.state = "failed";
        });
    }

    body.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, PREVIEW_DELAY_MS);
    });
    if (title) title.addEventListener("input", showTitle);
    showTitle();
    refresh();
  }

  function setupTags(input, urls) {
    var list = document.createElement("ul");
    list.className = "tag-suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.parentNode.insertBefore(list, input.nextSibling);
    input.setAttribute("autocomplete", "off");
    var active = -1;
    var asked = 0;

    function parts() {
      var value = input.value;
      var cut = value.lastIndexOf(",");
      return { head: value.slice(0, cut + 1), fragment: value.slice(cut + 1).trim() };
    }

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      active = -1;
    }

    function choose(name) {
      var head = parts().head;
      if (name.indexOf(",") !== -1 || name.indexOf(" ") !== -1) name = '"' + name + '"';
      input.value = (head ? head.trimEnd() + " " : "") + name + ", ";
      close();
      input.focus();
    }

    function highlight(index) {
      var items = list.querySelectorAll("li");
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach(function (item, position) {
        item.setAttribute("aria-selected", position === active ? "true" : "false");
      });
    }

    input.addEventListener("input", function () {
      var fragment = parts().fragment;
      if (!fragment) return close();
      var number = ++asked;
      fetch(urls.tags + "?q=" + encodeURIComponent(fragment), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (json) {
          if (number !== asked) return;
          close();
          var taken = input.value.toLowerCase().split(",").map(function (s) { return s.trim(); });
          json.tags.forEach(function (name) {
            if (taken.indexOf(name.toLowerCase()) !== -1 && name.toLowerCase() !== fragment.toLowerCase()) return;
            var item = document.createElement("li");
            item.setAttribute("role", "option");
            item.textContent = name;
            item.addEventListener("mousedown", function (event) {
              event.preventDefault();
              choose(name);
            });
            list.appendChild(item);
          });
          list.hidden = !list.children.length;
        })
        .catch(close);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(list.children[active].textContent);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function insertAtCursor(textarea, text) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var before = textarea.value.slice(0, start);
    // The image gets a paragraph of its own.
    var gap = !before || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    var block = gap + text + "\n";
    textarea.value = before + block + textarea.value.slice(end);
    textarea.selectionStart = textarea.selectionEnd = start + block.length;
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function setupUpload(tools, body, urls, labels, csrf) {
    var field = document.createElement("input");
    field.type = "file";
    field.accept = "image/png,image/jpeg,image/webp,image/gif";
    field.className = "editor-image-file";
    field.setAttribute("aria-label", labels.upload);
    var message = document.createElement("span");
    message.className = "editor-image-message";
    message.setAttribute("role", "status");
    var label = document.createElement("label");
    label.className = "button editor-image-button";
    label.textContent = labels.upload;
    label.appendChild(field);
    tools.insertBefore(label, tools.querySelector(".editor-image-library"));
    tools.appendChild(message);

    field.addEventListener("change", function () {
      if (!field.files.length) return;
      var data = new FormData();
      data.append("file", field.files[0]);
      message.textContent = labels.uploading;
      message.className = "editor-image-message";
      post(urls.upload, data, csrf)
        .then(function (result) {
          if (!result.ok) throw new Error((result.json.errors || [labels.failed]).join(" "));
          insertAtCursor(body, result.json.markdown);
          message.textContent = labels.inserted + " " + result.json.markdown;
        })
        .catch(function (error) {
          message.textContent = error.message;
          message.className = "editor-image-message errornote";
        })
        .finally(function () { field.value = ""; });
    });
  }

  function init() {
    var config = document.getElementById("post-editor-urls");
    var tools = document.getElementById("editor-tools");
    var form = document.getElementById("post_form");
    var body = document.getElementById("id_body");
    if (!config || !tools || !form || !body) return;
    var urls = JSON.parse(config.textContent);
    var labels = tools.dataset;
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    // The tools sit right above the body they write into.
    body.closest(".form-row").insertAdjacentElement("beforebegin", tools);
    setupPreview(body, document.getElementById("id_title"), urls, labels, csrf);
    setupUpload(tools, body, urls, labels, csrf);
    var tags = document.getElementById("id_tags");
    if (tags) setupTags(tags, urls);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
