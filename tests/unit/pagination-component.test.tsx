import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { numberedPageLinks, Pagination } from "@/components/ui/pagination";

const render = (element: React.ReactElement) =>
  renderToStaticMarkup(element).replace(/ class="[^"]*"/g, "");

describe("the pagination links", () => {
  it("are a named navigation of links: first, previous (rel=prev) and next (rel=next)", () => {
    expect(
      render(
        <Pagination
          label="Queue pages"
          first={{ href: "/q", text: "First page" }}
          previous={{ href: "/q?before=B", text: "Previous" }}
          next={{ href: "/q?after=A", text: "Next" }}
        />,
      ),
    ).toBe(
      '<nav aria-label="Queue pages"><div><a href="/q">First page</a><a rel="prev" href="/q?before=B">Previous</a></div><a rel="next" href="/q?after=A">Next</a></nav>',
    );
  });

  it("keep the next link on the right when there is no previous page, and show where the reader is", () => {
    expect(
      render(
        <Pagination
          label="Pages"
          previous={null}
          next={{ href: "/r?page=2", text: "Next" }}
          position="Page 1 of 2"
        />,
      ),
    ).toBe(
      '<nav aria-label="Pages"><div></div><span>Page 1 of 2</span><a rel="next" href="/r?page=2">Next</a></nav>',
    );
    expect(
      render(
        <Pagination label="Pages" previous={{ href: "/r?before=B", text: "Newer" }} next={null} />,
      ),
    ).toBe(
      '<nav aria-label="Pages"><div><a rel="prev" href="/r?before=B">Newer</a></div><span></span></nav>',
    );
  });

  it("render nothing for a list of one page", () => {
    expect(
      render(
        <Pagination
          label="Pages"
          first={{ href: "/q", text: "First" }}
          previous={null}
          next={null}
        />,
      ),
    ).toBe("");
    expect(numberedPageLinks(1, 1, String, { previous: "p", next: "n" })).toEqual({
      previous: null,
      next: null,
    });
    expect(numberedPageLinks(4, 1, String, { previous: "p", next: "n" })).toEqual({
      previous: null,
      next: null,
    });
  });

  it("number an offset list's neighbours, none past either end", () => {
    const href = (page: number) => `/requests?page=${page}`;
    const text = { previous: "Previous", next: "Next" };
    expect(numberedPageLinks(1, 3, href, text)).toEqual({
      previous: null,
      next: { href: "/requests?page=2", text: "Next" },
    });
    expect(numberedPageLinks(2, 3, href, text)).toEqual({
      previous: { href: "/requests?page=1", text: "Previous" },
      next: { href: "/requests?page=3", text: "Next" },
    });
    expect(numberedPageLinks(3, 3, href, text)).toEqual({
      previous: { href: "/requests?page=2", text: "Previous" },
      next: null,
    });
  });
});
