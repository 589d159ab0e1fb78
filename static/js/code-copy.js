// Copy buttons for the code blocks rendered by posts/rendering/codeblocks.py.
//
// The button exists only where this script runs, so a page read without
// JavaScript has no control that does nothing. It copies the code alone:
// never the line numbers (their own table cell), and in shell or Python
// session blocks never the prompts ("$ ", ">>> ") or the printed output,
// which Pygments marks as .gp and .go. Its labels come from the script
// tag's data attributes, which the template translates.
(function () {
  "use strict";

  var script = document.currentScript;
  var labels = {
    copy: script.dataset.copy || "Copy",
    copied: script.dataset.copied || "Copied",
    failed: script.dataset.failed || "Copy failed",
    announceCopied: script.dataset.announceCopied || "Code copied to the clipboard",
  };
  var RESET_AFTER_MS = 2000;

  function codeOf(block) {
    var pre = block.querySelector("td.code pre") || block.querySelector("pre");
    if (!pre) {
      return "";
    }
    var copy = pre.cloneNode(true);
    copy.querySelectorAll(".gp, .go").forEach(function (node) {
      node.remove();
    });
    // Output lines leave their line breaks behind; drop the empty lines they make
    // only when something was removed, so blank lines in ordinary code stay.
    var text = copy.textContent;
    if (copy.textContent !== pre.textContent) {
      text = text.split("\n").filter(function (line) {
        return line.trim() !== "";
      }).join("\n") + "\n";
    }
    return text;
  }

  function writeWithSelection(text) {
    // For pages served over plain HTTP, where the Clipboard API is missing.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function writeText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return writeWithSelection(text);
  }

  function liveRegion() {
    var region = document.createElement("p");
    region.className = "visually-hidden";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    document.body.appendChild(region);
    return region;
  }

  function addButton(block, region) {
    var head = block.querySelector("figcaption");
    if (!head) {
      head = document.createElement("div");
      head.className = "code-caption";
      block.insertBefore(head, block.firstChild);
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "code-copy";
    button.textContent = labels.copy;
    var timer = null;
    button.addEventListener("click", function () {
      writeText(codeOf(block)).then(
        function () {
          button.textContent = labels.copied;
          region.textContent = labels.announceCopied;
        },
        function () {
          button.textContent = labels.failed;
          region.textContent = labels.failed;
        }
      ).then(function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          button.textContent = labels.copy;
          region.textContent = "";
        }, RESET_AFTER_MS);
      });
    });
    head.appendChild(button);
  }

  function init() {
    var blocks = document.querySelectorAll("figure.code-block");
    if (!blocks.length) {
      return;
    }
    var region = liveRegion();
    blocks.forEach(function (block) {
      addButton(block, region);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
