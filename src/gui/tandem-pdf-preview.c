/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <poppler.h>

#include "tandem-a11y.h"
#include "tandem-core-error.h"
#include "tandem-pdf-preview-private.h"

/* poppler-glib 22.12 declares none. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* Shows a PDF as poppler renders it, one page under another, so that what a
 * keyworker sees before printing is the real document, not an imitation.
 *
 * Rendering a page with photos in it decodes every JPEG at full size, which
 * takes long enough to stall the window, so pages are rendered in a thread,
 * only those on screen and their neighbours, and pages far from view drop
 * their pixels again. The thread has a PopplerDocument of its own: poppler
 * documents are not safe to share between threads, and only one render runs
 * at a time, so each is used by one thread at a time. */

/* Space around and between the pages, in pixels. */
#define PAGE_MARGIN  24
#define PAGE_SPACING 18
/* "100%" is the real size: a point is 1/72 inch, a pixel 1/96. */
#define PT_TO_PX     (96.0 / 72.0)
#define MIN_ZOOM     0.25
#define MAX_ZOOM     4.0
/* Beyond this a page is drawn scaled up rather than rendered larger: a
 * page at 400% on a 2× screen would otherwise take hundreds of megabytes. */
#define MAX_RENDER_PIXELS (16.0 * 1024 * 1024)
/* Pages this far from the visible ones keep their pixels; farther ones
 * drop them. */
#define KEEP_AROUND  2
/* Pages rendered in one job: small, so that scrolling on is not kept
 * waiting behind pages that have gone out of view. */
#define PAGES_PER_JOB 2

static const double zoom_steps[] = {
  0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 3.0, 4.0,
};

typedef struct {
  GtkWidget       *area;
  double           width_pt;
  double           height_pt;
  /* The page as last rendered (perhaps from an earlier document, shown
   * until the new one is ready), and how: pixels per point and for which
   * document. */
  cairo_surface_t *surface;
  double           surface_scale;
  guint            surface_generation;
} Page;

struct _TandemPdfPreview
{
  GtkWidget          parent_instance;

  GtkWidget         *overlay;
  GtkScrolledWindow *scrolled;
  GtkBox            *pages_box;
  GtkWidget         *zoom_bar;
  GtkWidget         *zoom_reset_button;
  GtkLabel          *zoom_label;

  GBytes            *bytes;
  /* For page sizes and printing, on the main thread. */
  PopplerDocument   *document;
  /* For the render thread; NULL while a render holds it. */
  PopplerDocument   *render_document;
  Page              *pages;
  guint              n_pages;
  /* Counts documents shown, so that pixels of an earlier one are known. */
  guint              generation;

  double             zoom;
  /* Until the person zooms, the pages fit the width (up to 100%). */
  gboolean           fit;
  int                fit_width;
  guint              fit_source;

  guint              render_source;
  gboolean           rendering;
  guint              n_rendered;
  GCancellable      *cancellable;

  char              *export_filename;
};

G_DEFINE_FINAL_TYPE (TandemPdfPreview, tandem_pdf_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_N_PAGES,
  N_PROPS
};

enum {
  PRINTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_render (TandemPdfPreview *self);

/* Rendering ------------------------------------------------------------- */

typedef struct {
  guint            index;
  double           scale;
  cairo_surface_t *surface;
} RenderItem;

typedef struct {
  GBytes          *bytes;
  PopplerDocument *document;
  guint            generation;
  GArray          *items;
} RenderJob;

static void
render_item_clear (gpointer data)
{
  RenderItem *item = data;

  g_clear_pointer (&item->surface, cairo_surface_destroy);
}

static void
render_job_free (gpointer data)
{
  RenderJob *job = data;

  g_bytes_unref (job->bytes);
  g_clear_object (&job->document);
  g_array_unref (job->items);
  g_free (job);
}

static cairo_surface_t *
render_page (PopplerPage *page,
             double       scale)
{
  double width, height;
  cairo_surface_t *surface;
  cairo_t *cr;

  poppler_page_get_size (page, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        MAX (1, (int) ceil (width * scale)),
                                        MAX (1, (int) ceil (height * scale)));
  cr = cairo_create (surface);
  /* Paper is white whatever the desktop's style. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  GError *error = NULL;

  if (job->document == NULL)
    job->document = poppler_document_new_from_bytes (job->bytes, NULL, &error);
  if (job->document == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < job->items->len; i++)
    {
      RenderItem *item = &g_array_index (job->items, RenderItem, i);
      g_autoptr(PopplerPage) page = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      page = poppler_document_get_page (job->document, item->index);
      if (page != NULL)
        item->surface = render_page (page, item->scale);
    }

  g_task_return_boolean (task, TRUE);
}

static void
render_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TandemPdfPreview *self = TANDEM_PDF_PREVIEW (object);
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->rendering = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not render the preview: %s", error->message);
      return;
    }

  /* A document shown since the render began makes its pixels useless. */
  if (job->generation != self->generation || self->pages == NULL)
    {
      schedule_render (self);
      return;
    }

  g_set_object (&self->render_document, job->document);

  for (guint i = 0; i < job->items->len; i++)
    {
      RenderItem *item = &g_array_index (job->items, RenderItem, i);
      Page *page;

      if (item->surface == NULL || item->index >= self->n_pages)
        continue;
      page = &self->pages[item->index];
      g_clear_pointer (&page->surface, cairo_surface_destroy);
      page->surface = g_steal_pointer (&item->surface);
      page->surface_scale = item->scale;
      page->surface_generation = job->generation;
      self->n_rendered++;
      gtk_widget_queue_draw (page->area);
    }

  schedule_render (self);
}

static double
page_pixel_height (TandemPdfPreview *self,
                   const Page       *page)
{
  return round (page->height_pt * self->zoom * PT_TO_PX);
}

/* The pages that can be seen in the scrolled window, from the sizes the
 * pages are given (so also before the first layout). */
static gboolean
visible_range (TandemPdfPreview *self,
               guint            *first,
               guint            *last)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  double top = gtk_adjustment_get_value (vadjustment);
  double height = gtk_adjustment_get_page_size (vadjustment);
  double y = PAGE_MARGIN;
  gboolean found = FALSE;

  if (height <= 0)
    height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 600);

  for (guint i = 0; i < self->n_pages; i++)
    {
      double h = page_pixel_height (self, &self->pages[i]);

      if (y + h >= top && y <= top + height)
        {
          if (!found)
            *first = i;
          *last = i;
          found = TRUE;
        }
      y += h + PAGE_SPACING;
    }
  return found;
}

static double
wanted_scale (TandemPdfPreview *self,
              const Page       *page)
{
  double scale = self->zoom * PT_TO_PX * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double pixels = page->width_pt * page->height_pt * scale * scale;

  if (pixels > MAX_RENDER_PIXELS)
    scale *= sqrt (MAX_RENDER_PIXELS / pixels);
  return scale;
}

static gboolean
needs_render (TandemPdfPreview *self,
              const Page       *page)
{
  return page->surface == NULL || page->surface_generation != self->generation ||
         fabs (page->surface_scale - wanted_scale (self, page)) > 1e-3;
}

static gboolean
render_idle_cb (gpointer user_data)
{
  TandemPdfPreview *self = user_data;
  g_autoptr(GTask) task = NULL;
  RenderJob *job;
  guint first = 0, last = 0, lo, hi;

  self->render_source = 0;
  if (self->rendering || self->pages == NULL || !visible_range (self, &first, &last))
    return G_SOURCE_REMOVE;

  lo = first >= KEEP_AROUND ? first - KEEP_AROUND : 0;
  hi = MIN (last + KEEP_AROUND, self->n_pages - 1);

  /* Pixels of pages far out of view are not kept. */
  for (guint i = 0; i < self->n_pages; i++)
    if (i < lo || i > hi)
      g_clear_pointer (&self->pages[i].surface, cairo_surface_destroy);

  job = g_new0 (RenderJob, 1);
  job->bytes = g_bytes_ref (self->bytes);
  job->document = g_steal_pointer (&self->render_document);
  job->generation = self->generation;
  job->items = g_array_new (FALSE, TRUE, sizeof (RenderItem));
  g_array_set_clear_func (job->items, render_item_clear);

  /* What is on screen first, from the top, then the next page down and
   * the one before. */
  for (guint i = first; i <= last + 1 && job->items->len < PAGES_PER_JOB; i++)
    if (i < self->n_pages && needs_render (self, &self->pages[i]))
      {
        RenderItem item = { i, wanted_scale (self, &self->pages[i]), NULL };

        g_array_append_val (job->items, item);
      }
  if (job->items->len == 0 && first > 0 && needs_render (self, &self->pages[first - 1]))
    {
      RenderItem item = { first - 1, wanted_scale (self, &self->pages[first - 1]), NULL };

      g_array_append_val (job->items, item);
    }

  if (job->items->len == 0)
    {
      self->render_document = g_steal_pointer (&job->document);
      render_job_free (job);
      return G_SOURCE_REMOVE;
    }

  self->rendering = TRUE;
  task = g_task_new (self, self->cancellable, render_done_cb, NULL);
  g_task_set_source_tag (task, render_idle_cb);
  g_task_set_task_data (task, job, render_job_free);
  g_task_run_in_thread (task, render_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule_render (TandemPdfPreview *self)
{
  if (self->render_source == 0 && self->pages != NULL)
    self->render_source = g_idle_add (render_idle_cb, self);
}

static void
draw_page_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  TandemPdfPreview *self = user_data;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "tandem-page"));
  Page *page;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  if (self->pages == NULL || index >= self->n_pages)
    return;
  page = &self->pages[index];
  if (page->surface == NULL)
    return;

  /* Pixels rendered for another zoom are stretched until the new ones come,
   * so that zooming responds at once. */
  cairo_scale (cr,
               (double) width / cairo_image_surface_get_width (page->surface),
               (double) height / cairo_image_surface_get_height (page->surface));
  cairo_set_source_surface (cr, page->surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
}

/* Zoom ------------------------------------------------------------------ */

static void
update_page_sizes (TandemPdfPreview *self)
{
  for (guint i = 0; i < self->n_pages; i++)
    {
      Page *page = &self->pages[i];

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (page->area),
                                          (int) round (page->width_pt * self->zoom * PT_TO_PX));
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (page->area),
                                           (int) page_pixel_height (self, page));
    }
}

static void
update_zoom_controls (TandemPdfPreview *self)
{
  g_autofree char *percent = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-in",
                                 self->zoom < MAX_ZOOM - 1e-3);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-out",
                                 self->zoom > MIN_ZOOM + 1e-3);
  /* Translators: the zoom of the preview of a printed document, e.g.
   * "75%"; %d is a whole number. */
  percent = g_strdup_printf (_("%d%%"), (int) round (self->zoom * 100));
  gtk_label_set_label (self->zoom_label, percent);
}

static void
apply_zoom (TandemPdfPreview *self,
            double            zoom)
{
  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (fabs (zoom - self->zoom) < 1e-4)
    return;

  self->zoom = zoom;
  update_zoom_controls (self);
  update_page_sizes (self);
  schedule_render (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static double
fit_zoom (TandemPdfPreview *self,
          int               width)
{
  double widest = 0;

  for (guint i = 0; i < self->n_pages; i++)
    widest = MAX (widest, self->pages[i].width_pt);
  if (widest <= 0 || width <= 0)
    return self->zoom;

  return CLAMP ((width - 2 * PAGE_MARGIN) / (widest * PT_TO_PX), MIN_ZOOM, 1.0);
}

static gboolean
fit_idle_cb (gpointer user_data)
{
  TandemPdfPreview *self = user_data;

  self->fit_source = 0;
  if (self->fit && self->n_pages > 0)
    apply_zoom (self, fit_zoom (self, self->fit_width));
  return G_SOURCE_REMOVE;
}

static void
schedule_fit (TandemPdfPreview *self)
{
  /* Not during the allocation that noticed the width: the page sizes it
   * changes need a layout of their own. */
  if (self->fit && self->fit_source == 0)
    self->fit_source = g_idle_add (fit_idle_cb, self);
}

static void
step_zoom (TandemPdfPreview *self,
           int               direction)
{
  double zoom = self->zoom;

  if (direction > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
        if (zoom_steps[i] > self->zoom + 1e-3)
          {
            zoom = zoom_steps[i];
            break;
          }
    }
  else
    {
      for (guint i = G_N_ELEMENTS (zoom_steps); i > 0; i--)
        if (zoom_steps[i - 1] < self->zoom - 1e-3)
          {
            zoom = zoom_steps[i - 1];
            break;
          }
    }

  tandem_pdf_preview_set_zoom (self, zoom);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  step_zoom (TANDEM_PDF_PREVIEW (widget), 1);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  step_zoom (TANDEM_PDF_PREVIEW (widget), -1);
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  tandem_pdf_preview_set_zoom (TANDEM_PDF_PREVIEW (widget), 1.0);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           TandemPdfPreview         *self)
{
  GdkModifierType state;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;

  step_zoom (self, dy < 0 ? 1 : -1);
  return TRUE;
}

static void
scrolled_cb (TandemPdfPreview *self)
{
  schedule_render (self);
}

/* The horizontal adjustment's page is the width the pages have to fit in. */
static void
width_changed_cb (TandemPdfPreview *self,
                  GtkAdjustment    *hadjustment)
{
  int width = (int) gtk_adjustment_get_page_size (hadjustment);

  if (self->fit && width > 0 && width != self->fit_width)
    {
      self->fit_width = width;
      schedule_fit (self);
    }
}

/* Pages ----------------------------------------------------------------- */

static void
clear_pages (TandemPdfPreview *self)
{
  for (guint i = 0; i < self->n_pages; i++)
    {
      gtk_box_remove (self->pages_box, self->pages[i].area);
      g_clear_pointer (&self->pages[i].surface, cairo_surface_destroy);
    }
  g_clear_pointer (&self->pages, g_free);
  self->n_pages = 0;
}

static GtkWidget *
create_page_widget (TandemPdfPreview *self,
                    guint             index)
{
  GtkWidget *area = g_object_new (GTK_TYPE_DRAWING_AREA,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                                  "halign", GTK_ALIGN_CENTER,
                                  "focusable", TRUE,
                                  NULL);

  g_object_set_data (G_OBJECT (area), "tandem-page", GUINT_TO_POINTER (index));
  gtk_widget_add_css_class (area, "tandem-pdf-page");
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_page_cb, self, NULL);
  return area;
}

/* Shows @document's pages, reusing the page widgets (and, until the new
 * pixels come, the pictures) already there: a preview rebuilt as options
 * change keeps its scroll position and does not flash white. */
static void
show_pages (TandemPdfPreview *self,
            PopplerDocument  *document)
{
  guint n = poppler_document_get_n_pages (document);
  Page *pages = g_new0 (Page, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      g_autofree char *label = NULL;

      poppler_page_get_size (page, &pages[i].width_pt, &pages[i].height_pt);
      if (i < self->n_pages)
        {
          pages[i].area = self->pages[i].area;
          pages[i].surface = g_steal_pointer (&self->pages[i].surface);
          pages[i].surface_scale = self->pages[i].surface_scale;
          pages[i].surface_generation = self->pages[i].surface_generation;
        }
      else
        {
          pages[i].area = create_page_widget (self, i);
          gtk_box_append (self->pages_box, pages[i].area);
        }

      /* Translators: the name of a page in the preview of a printed
       * document, for screen readers. */
      label = g_strdup_printf (_("Page %u of %u"), i + 1, n);
      tandem_a11y_set_label (pages[i].area, label);
    }

  for (guint i = n; i < self->n_pages; i++)
    {
      gtk_box_remove (self->pages_box, self->pages[i].area);
      g_clear_pointer (&self->pages[i].surface, cairo_surface_destroy);
    }

  g_free (self->pages);
  self->pages = pages;
  self->n_pages = n;
  update_page_sizes (self);
}

/* Printing -------------------------------------------------------------- */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PopplerDocument   *document)
{
  gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (document));
}

static void
draw_print_page_cb (GtkPrintOperation *operation,
                    GtkPrintContext   *context,
                    int                page_nr,
                    PopplerDocument   *document)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (document, page_nr);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width, height, paper_width, paper_height, scale;

  if (page == NULL)
    return;

  /* The page fills the paper, keeping its proportions: on the paper it was
   * laid out for that is exactly its own size. */
  poppler_page_get_size (page, &width, &height);
  paper_width = gtk_print_context_get_width (context);
  paper_height = gtk_print_context_get_height (context);
  scale = MIN (paper_width / width, paper_height / height);

  cairo_save (cr);
  cairo_translate (cr, (paper_width - width * scale) / 2, (paper_height - height * scale) / 2);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_restore (cr);
}

/* The paper the document was laid out for: a standard size when it is one,
 * so that a printer picks the right tray. */
static GtkPageSetup *
page_setup_for (PopplerDocument *document)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (document, 0);
  GtkPageSetup *setup = gtk_page_setup_new ();
  GtkPaperSize *size = NULL;
  double width = 595.276, height = 841.89;  /* A4 */
  GList *sizes;

  if (page != NULL)
    poppler_page_get_size (page, &width, &height);

  sizes = gtk_paper_size_get_paper_sizes (FALSE);
  for (GList *l = sizes; l != NULL; l = l->next)
    {
      GtkPaperSize *candidate = l->data;
      double w = gtk_paper_size_get_width (candidate, GTK_UNIT_POINTS);
      double h = gtk_paper_size_get_height (candidate, GTK_UNIT_POINTS);

      if (size == NULL &&
          ((fabs (w - width) < 2 && fabs (h - height) < 2) ||
           (fabs (w - height) < 2 && fabs (h - width) < 2)))
        size = gtk_paper_size_copy (candidate);
    }
  g_list_free_full (sizes, (GDestroyNotify) gtk_paper_size_free);

  if (size == NULL)
    size = gtk_paper_size_new_custom ("tandem-document", _("Document size"),
                                      MIN (width, height), MAX (width, height),
                                      GTK_UNIT_POINTS);

  gtk_page_setup_set_paper_size (setup, size);
  gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                        : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_paper_size_free (size);
  return setup;
}

static void
show_print_error (TandemPdfPreview *self,
                  const GError     *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Could Not Print"),
                                   error != NULL ? error->message : NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_finished (TandemPdfPreview        *self,
                GtkPrintOperation       *operation,
                GtkPrintOperationResult  result,
                const GError            *error)
{
  g_autoptr(GError) late_error = NULL;

  /* "done" may come as well as the result of a print that ran to the end
   * before gtk_print_operation_run() returned. */
  if (g_object_get_data (G_OBJECT (operation), "tandem-finished") != NULL)
    return;
  g_object_set_data (G_OBJECT (operation), "tandem-finished", GINT_TO_POINTER (1));

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      if (error == NULL)
        gtk_print_operation_get_error (operation, &late_error);
      show_print_error (self, error != NULL ? error : late_error);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_signal_emit (self, signals[PRINTED], 0);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               TandemPdfPreview        *self)
{
  print_finished (self, operation, result, NULL);
}

/* GObject --------------------------------------------------------------- */

static void
scale_factor_cb (TandemPdfPreview *self)
{
  schedule_render (self);
}

static void
tandem_pdf_preview_dispose (GObject *object)
{
  TandemPdfPreview *self = TANDEM_PDF_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->render_source, g_source_remove);
  g_clear_handle_id (&self->fit_source, g_source_remove);
  /* Pixels of a render still running are dropped when it comes back. */
  self->generation++;
  clear_pages (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_PDF_PREVIEW);

  G_OBJECT_CLASS (tandem_pdf_preview_parent_class)->dispose (object);
}

static void
tandem_pdf_preview_finalize (GObject *object)
{
  TandemPdfPreview *self = TANDEM_PDF_PREVIEW (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->document);
  g_clear_object (&self->render_document);
  g_clear_object (&self->cancellable);
  g_free (self->export_filename);

  G_OBJECT_CLASS (tandem_pdf_preview_parent_class)->finalize (object);
}

static void
tandem_pdf_preview_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TandemPdfPreview *self = TANDEM_PDF_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, self->n_pages);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_pdf_preview_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TandemPdfPreview *self = TANDEM_PDF_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      tandem_pdf_preview_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_pdf_preview_class_init (TandemPdfPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_pdf_preview_dispose;
  object_class->finalize = tandem_pdf_preview_finalize;
  object_class->get_property = tandem_pdf_preview_get_property;
  object_class->set_property = tandem_pdf_preview_set_property;

  /**
   * TandemPdfPreview:zoom:
   *
   * The size pages are shown at: 1.0 is their real size.
   */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * TandemPdfPreview:n-pages:
   *
   * How many pages the shown PDF has.
   */
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemPdfPreview::printed:
   *
   * Emitted when the shown PDF has been sent to the printer (or, for tests,
   * exported), so that the printing can be recorded.
   */
  signals[PRINTED] =
    g_signal_new ("printed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-pdf-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemPdfPreview, overlay);
  gtk_widget_class_bind_template_child (widget_class, TandemPdfPreview, scrolled);
  gtk_widget_class_bind_template_child (widget_class, TandemPdfPreview, pages_box);
  gtk_widget_class_bind_template_child (widget_class, TandemPdfPreview, zoom_bar);
  gtk_widget_class_bind_template_child (widget_class, TandemPdfPreview, zoom_reset_button);
  gtk_widget_class_bind_template_child (widget_class, TandemPdfPreview, zoom_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pdfpreview");

  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-reset", NULL, zoom_reset_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "preview.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "preview.zoom-reset", NULL);
}

static void
ensure_style (void)
{
  static gsize loaded = 0;

  /* Paper on the desk: white, square, with a soft shadow under it. */
  if (g_once_init_enter (&loaded))
    {
      GdkDisplay *display = gdk_display_get_default ();

      if (display != NULL)
        {
          g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

          gtk_css_provider_load_from_data (provider,
                                           "pdfpreview .tandem-pdf-page {"
                                           "  background-color: white;"
                                           "  box-shadow: 0 0 0 1px alpha(black, 0.06),"
                                           "              0 2px 8px 1px alpha(black, 0.18);"
                                           "}"
                                           "pdfpreview .tandem-pdf-page:focus-visible {"
                                           "  outline: 2px solid alpha(@accent_color, 0.5);"
                                           "  outline-offset: 3px;"
                                           "}", -1);
          gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
        }
      g_once_init_leave (&loaded, 1);
    }
}

static void
tandem_pdf_preview_init (TandemPdfPreview *self)
{
  GtkEventController *scroll;
  GtkAdjustment *vadjustment;

  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_style ();

  self->zoom = 1.0;
  self->fit = TRUE;
  self->cancellable = g_cancellable_new ();

  gtk_box_set_spacing (self->pages_box, PAGE_SPACING);
  gtk_widget_set_margin_top (GTK_WIDGET (self->pages_box), PAGE_MARGIN);
  /* Room below the last page for the zoom buttons that float there. */
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->pages_box), PAGE_MARGIN + 48);
  gtk_widget_set_margin_start (GTK_WIDGET (self->pages_box), PAGE_MARGIN);
  gtk_widget_set_margin_end (GTK_WIDGET (self->pages_box), PAGE_MARGIN);

  vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  g_signal_connect_object (vadjustment, "value-changed", G_CALLBACK (scrolled_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (vadjustment, "changed", G_CALLBACK (scrolled_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scrolled), "changed",
                           G_CALLBACK (width_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_cb), NULL);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                            GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled), scroll);

  gtk_widget_set_visible (self->zoom_bar, FALSE);
  update_zoom_controls (self);
}

/* Public ---------------------------------------------------------------- */

/**
 * tandem_pdf_preview_new:
 *
 * Returns: (transfer floating): an empty preview
 */
GtkWidget *
tandem_pdf_preview_new (void)
{
  return g_object_new (TANDEM_TYPE_PDF_PREVIEW, NULL);
}

/**
 * tandem_pdf_preview_set_bytes:
 * @self: a preview
 * @pdf: (nullable): a PDF document; %NULL shows nothing
 * @error: where to put what went wrong
 *
 * Shows @pdf in place of what was shown. When poppler cannot read it, what
 * was shown stays.
 *
 * Returns: %FALSE with @error set when @pdf is not a PDF poppler can read
 */
gboolean
tandem_pdf_preview_set_bytes (TandemPdfPreview  *self,
                              GBytes            *pdf,
                              GError           **error)
{
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  guint old_n_pages;

  g_return_val_if_fail (TANDEM_IS_PDF_PREVIEW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  old_n_pages = self->n_pages;

  if (pdf != NULL)
    {
      document = poppler_document_new_from_bytes (pdf, NULL, &local_error);
      if (document == NULL)
        {
          g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE,
                       /* Translators: %s is the reason from the PDF reader. */
                       _("The document cannot be shown: it is not a PDF that can be read (%s)."),
                       local_error->message);
          return FALSE;
        }
      if (poppler_document_get_n_pages (document) <= 0)
        {
          g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE,
                               _("The document cannot be shown: it has no pages."));
          return FALSE;
        }
    }

  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->render_document);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->document);

  if (pdf == NULL)
    {
      clear_pages (self);
      gtk_widget_set_visible (self->zoom_bar, FALSE);
    }
  else
    {
      self->bytes = g_bytes_ref (pdf);
      self->document = g_steal_pointer (&document);
      show_pages (self, self->document);
      gtk_widget_set_visible (self->zoom_bar, TRUE);
      if (self->fit && self->fit_width > 0)
        apply_zoom (self, fit_zoom (self, self->fit_width));
      schedule_render (self);
    }

  if (old_n_pages != self->n_pages)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  return TRUE;
}

/**
 * tandem_pdf_preview_get_bytes:
 * @self: a preview
 *
 * Returns: (transfer none) (nullable): the PDF shown
 */
GBytes *
tandem_pdf_preview_get_bytes (TandemPdfPreview *self)
{
  g_return_val_if_fail (TANDEM_IS_PDF_PREVIEW (self), NULL);
  return self->bytes;
}

/**
 * tandem_pdf_preview_get_n_pages:
 * @self: a preview
 *
 * Returns: how many pages the PDF shown has, 0 when none is
 */
guint
tandem_pdf_preview_get_n_pages (TandemPdfPreview *self)
{
  g_return_val_if_fail (TANDEM_IS_PDF_PREVIEW (self), 0);
  return self->n_pages;
}

/**
 * tandem_pdf_preview_get_zoom:
 * @self: a preview
 *
 * Returns: the size the pages are shown at, 1.0 for their real size
 */
double
tandem_pdf_preview_get_zoom (TandemPdfPreview *self)
{
  g_return_val_if_fail (TANDEM_IS_PDF_PREVIEW (self), 1.0);
  return self->zoom;
}

/**
 * tandem_pdf_preview_set_zoom:
 * @self: a preview
 * @zoom: the size to show pages at, 1.0 for their real size; kept between
 *   25% and 400%
 *
 * From then on the pages keep this size rather than fitting the width.
 */
void
tandem_pdf_preview_set_zoom (TandemPdfPreview *self,
                             double            zoom)
{
  g_return_if_fail (TANDEM_IS_PDF_PREVIEW (self));

  self->fit = FALSE;
  g_clear_handle_id (&self->fit_source, g_source_remove);
  apply_zoom (self, zoom);
}

/**
 * tandem_pdf_preview_print:
 * @self: a preview
 * @parent: (nullable): the window the print dialog belongs to
 * @title: (nullable): the name of the print job
 *
 * Prints the PDF shown through the GTK print dialog, each page rendered by
 * poppler into the printer's page, so that the print is what was
 * previewed. #TandemPdfPreview::printed is emitted once it has been sent.
 */
void
tandem_pdf_preview_print (TandemPdfPreview *self,
                          GtkWindow        *parent,
                          const char       *title)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationAction action = GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;
  GtkPrintOperationResult result;

  g_return_if_fail (TANDEM_IS_PDF_PREVIEW (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  if (self->document == NULL)
    return;

  operation = gtk_print_operation_new ();
  setup = page_setup_for (self->document);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (self->document));
  if (title != NULL)
    gtk_print_operation_set_job_name (operation, title);
  /* The PDF has its own margins: the page is the whole sheet, in points. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);

  /* The operation keeps the document it prints: the preview may be showing
   * another by the time the printer asks for a page. */
  g_object_set_data_full (G_OBJECT (operation), "tandem-document",
                          g_object_ref (self->document), g_object_unref);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (begin_print_cb),
                           self->document, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_print_page_cb),
                           self->document, 0);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);

  if (self->export_filename != NULL)
    {
      gtk_print_operation_set_export_filename (operation, self->export_filename);
      action = GTK_PRINT_OPERATION_ACTION_EXPORT;
    }

  result = gtk_print_operation_run (operation, action, parent, &error);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    print_finished (self, operation, result, error);
}

/* For tests --------------------------------------------------------------- */

void
_tandem_pdf_preview_set_export_filename (TandemPdfPreview *self,
                                         const char       *path)
{
  g_return_if_fail (TANDEM_IS_PDF_PREVIEW (self));

  g_free (self->export_filename);
  self->export_filename = g_strdup (path);
}

guint
_tandem_pdf_preview_get_n_rendered (TandemPdfPreview *self)
{
  g_return_val_if_fail (TANDEM_IS_PDF_PREVIEW (self), 0);
  return self->n_rendered;
}

gboolean
_tandem_pdf_preview_is_rendering (TandemPdfPreview *self)
{
  g_return_val_if_fail (TANDEM_IS_PDF_PREVIEW (self), FALSE);
  return self->rendering || self->render_source != 0 || self->fit_source != 0;
}

GtkWidget *
_tandem_pdf_preview_get_page_widget (TandemPdfPreview *self,
                                     guint             index)
{
  g_return_val_if_fail (TANDEM_IS_PDF_PREVIEW (self), NULL);
  return index < self->n_pages ? self->pages[index].area : NULL;
}
